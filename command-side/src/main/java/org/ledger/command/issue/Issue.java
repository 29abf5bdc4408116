package org.ledger.command.issue;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.createNew;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;
import org.ledger.command.access.AccessRule;
import org.ledger.command.access.ActorScope;
import org.ledger.command.rectification.RectificationItem;
import org.ledger.command.support.SnapshotConfiguration;
import org.ledger.kernel.MetadataKeys;
import org.ledger.kernel.RuleViolation;
import org.ledger.kernel.issue.IssueCommands.AcknowledgeIssue;
import org.ledger.kernel.issue.IssueCommands.DismissIssue;
import org.ledger.kernel.issue.IssueCommands.PlanRectification;
import org.ledger.kernel.issue.IssueCommands.RecordRectificationOutcome;
import org.ledger.kernel.issue.IssueCommands.RecordRootCause;
import org.ledger.kernel.issue.IssueCommands.RegisterIssue;
import org.ledger.kernel.issue.IssueEvents.IssueAcknowledged;
import org.ledger.kernel.issue.IssueEvents.IssueDismissed;
import org.ledger.kernel.issue.IssueEvents.IssueRegistered;
import org.ledger.kernel.issue.IssueEvents.IssueReopened;
import org.ledger.kernel.issue.IssueEvents.IssueResolved;
import org.ledger.kernel.issue.IssueEvents.RectificationItemAdded;
import org.ledger.kernel.issue.IssueEvents.RectificationOutcomeRecorded;
import org.ledger.kernel.issue.IssueEvents.RootCauseRecorded;
import org.ledger.kernel.issue.IssueId;
import org.ledger.kernel.issue.IssueStatus;
import org.ledger.kernel.rectification.RectificationId;
import org.ledger.kernel.rectification.RectificationOutcome;
import org.ledger.kernel.unit.UnitId;

/**
 * An issue (问题) found by an inspection, a look-back, patrol feedback or self-examination. It is acknowledged
 * by the responsible unit, analysed, and rectified through items that it spawns; its status follows them.
 */
@Aggregate(snapshotTriggerDefinition = SnapshotConfiguration.TRIGGER)
// Snapshots: the revision of the fields below; raise it with any change to them (AggregateSnapshotShapeTest).
@Revision("1")
@JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE, setterVisibility = Visibility.NONE)
public class Issue {

    @AggregateIdentifier
    private IssueId issueId;
    private IssueStatus status;
    private UnitId raisedByUnitId;
    private UnitId responsibleUnitId;
    private int rootCauseRevision;
    private String rootCause;
    /** Every item of this issue and whether it is done (closed, or ongoing for long-term measures). */
    private final Map<RectificationId, Boolean> itemsDone = new LinkedHashMap<>();

    protected Issue() {
        // for Axon's event sourcing
    }

    @CommandHandler
    public Issue(RegisterIssue command, ActorScope scope) {
        scope.require(AccessRule.RegisterIssueBySupervisorOfRaisingUnit, scope.supervises(command.raisedByUnitId()),
                command.raisedByUnitId());
        apply(new IssueRegistered(command.issueId(), command.title(), command.description(), command.source(),
                command.sourceReference(), command.category(), command.severity(), command.responsibleUnitId(),
                command.raisedByUnitId(), command.foundOn(), command.responsibilityItem()));
    }

    @CommandHandler
    void handle(AcknowledgeIssue command, @MetaDataValue(MetadataKeys.USER) String user, ActorScope scope) {
        requireLeadOfResponsibleUnit(scope);
        refuseIfDismissed();
        if (status != IssueStatus.REGISTERED) {
            throw new RuleViolation(IssueRule.AcknowledgeOnlyOnce);
        }
        apply(new IssueAcknowledged(issueId, user, command.note()));
    }

    @CommandHandler
    void handle(RecordRootCause command, ActorScope scope) {
        requireLeadOfResponsibleUnit(scope);
        refuseIfDismissed();
        if (status == IssueStatus.REGISTERED) {
            throw new RuleViolation(IssueRule.RootCauseNeedsAcknowledgement);
        }
        if (Objects.equals(rootCause, command.analysis())) {
            throw new RuleViolation(IssueRule.RevisionMustChangeRootCause);
        }
        apply(new RootCauseRecorded(issueId, rootCauseRevision + 1, command.analysis()));
    }

    @CommandHandler
    void handle(DismissIssue command, @MetaDataValue(MetadataKeys.USER) String user,
                @MetaDataValue(MetadataKeys.UNIT) String unit, ActorScope scope) {
        scope.require(AccessRule.DismissIssueBySupervisorOfRaisingUnit, scope.supervises(raisedByUnitId),
                raisedByUnitId);
        refuseIfDismissed();
        if (!raisedByUnitId.value().equals(unit)) {
            throw new RuleViolation(IssueRule.DismissalOnlyByRaisingSide,
                    "raised by " + raisedByUnitId + ", requested for " + unit);
        }
        if (!itemsDone.isEmpty()) {
            throw new RuleViolation(IssueRule.DismissalOnlyBeforeRectification);
        }
        apply(new IssueDismissed(issueId, command.reason(), user));
    }

    @CommandHandler
    void handle(PlanRectification command, @MetaDataValue(MetadataKeys.USER) String user, ActorScope scope)
            throws Exception {
        requireLeadOfResponsibleUnit(scope);
        if (status == IssueStatus.DISMISSED) {
            throw new RuleViolation(IssueRule.NoRectificationForDismissedIssue);
        }
        if (status == IssueStatus.REGISTERED) {
            throw new RuleViolation(IssueRule.RectificationNeedsAcknowledgement);
        }
        if (command.deadline().isBefore(command.plannedOn())) {
            throw new RuleViolation(IssueRule.DeadlineNotInPast,
                    "deadline " + command.deadline() + " is before " + command.plannedOn());
        }
        apply(new RectificationItemAdded(issueId, command.rectificationId()));
        createNew(RectificationItem.class, () -> new RectificationItem(issueId, command, user));
    }

    @CommandHandler
    void handle(RecordRectificationOutcome command) {
        if (!itemsDone.containsKey(command.rectificationId())) {
            throw new RuleViolation(IssueRule.UnknownRectificationItem, command.rectificationId().value());
        }
        apply(new RectificationOutcomeRecorded(issueId, command.rectificationId(), command.outcome()));
        if (command.outcome() == RectificationOutcome.REOPENED) {
            if (status == IssueStatus.RESOLVED) {
                apply(new IssueReopened(issueId, command.rectificationId(), command.reason()));
            }
        } else if (status != IssueStatus.RESOLVED && itemsDone.values().stream().allMatch(done -> done)) {
            apply(new IssueResolved(issueId));
        }
    }

    /** Acknowledging, analysing and planning are the responsible unit's own work (DESIGN.md §6). */
    private void requireLeadOfResponsibleUnit(ActorScope scope) {
        scope.require(AccessRule.IssueWorkByLeadOfResponsibleUnit, scope.leads(responsibleUnitId), responsibleUnitId);
    }

    private void refuseIfDismissed() {
        if (status == IssueStatus.DISMISSED) {
            throw new RuleViolation(IssueRule.DismissedIssueIsClosed);
        }
    }

    @EventSourcingHandler
    void on(IssueRegistered event) {
        issueId = event.issueId();
        raisedByUnitId = event.raisedByUnitId();
        responsibleUnitId = event.responsibleUnitId();
        status = IssueStatus.REGISTERED;
    }

    @EventSourcingHandler
    void on(IssueAcknowledged event) {
        status = IssueStatus.ACKNOWLEDGED;
    }

    @EventSourcingHandler
    void on(RootCauseRecorded event) {
        rootCauseRevision = event.revision();
        rootCause = event.analysis();
    }

    @EventSourcingHandler
    void on(IssueDismissed event) {
        status = IssueStatus.DISMISSED;
    }

    @EventSourcingHandler
    void on(RectificationItemAdded event) {
        itemsDone.put(event.rectificationId(), false);
        status = IssueStatus.RECTIFYING;
    }

    @EventSourcingHandler
    void on(RectificationOutcomeRecorded event) {
        itemsDone.put(event.rectificationId(), event.outcome() != RectificationOutcome.REOPENED);
    }

    @EventSourcingHandler
    void on(IssueResolved event) {
        status = IssueStatus.RESOLVED;
    }

    @EventSourcingHandler
    void on(IssueReopened event) {
        status = IssueStatus.RECTIFYING;
    }
}
