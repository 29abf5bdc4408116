package org.ledger.command.rectification;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;
import org.ledger.command.access.AccessRule;
import org.ledger.command.access.ActorScope;
import org.ledger.command.support.SnapshotConfiguration;
import org.ledger.kernel.MetadataKeys;
import org.ledger.kernel.unit.UnitId;
import org.ledger.kernel.RuleViolation;
import org.ledger.kernel.issue.IssueCommands.PlanRectification;
import org.ledger.kernel.issue.IssueId;
import org.ledger.kernel.rectification.EvidenceId;
import org.ledger.kernel.rectification.ExtensionRequestId;
import org.ledger.kernel.rectification.RectificationCommands.ApproveExtension;
import org.ledger.kernel.rectification.RectificationCommands.ApprovePlan;
import org.ledger.kernel.rectification.RectificationCommands.AttachEvidence;
import org.ledger.kernel.rectification.RectificationCommands.RejectExtension;
import org.ledger.kernel.rectification.RectificationCommands.ReopenRectification;
import org.ledger.kernel.rectification.RectificationCommands.ReportProgress;
import org.ledger.kernel.rectification.RectificationCommands.RequestClosure;
import org.ledger.kernel.rectification.RectificationCommands.RequestExtension;
import org.ledger.kernel.rectification.RectificationCommands.ReturnPlan;
import org.ledger.kernel.rectification.RectificationCommands.RevisePlan;
import org.ledger.kernel.rectification.RectificationCommands.VerifyClosure;
import org.ledger.kernel.rectification.RectificationEvents.BecameOverdue;
import org.ledger.kernel.rectification.RectificationEvents.ClosureRequested;
import org.ledger.kernel.rectification.RectificationEvents.ClosureReturned;
import org.ledger.kernel.rectification.RectificationEvents.EvidenceAttached;
import org.ledger.kernel.rectification.RectificationEvents.ExtensionApproved;
import org.ledger.kernel.rectification.RectificationEvents.ExtensionRejected;
import org.ledger.kernel.rectification.RectificationEvents.ExtensionRequested;
import org.ledger.kernel.rectification.RectificationEvents.ProgressReported;
import org.ledger.kernel.rectification.RectificationEvents.RectificationClosed;
import org.ledger.kernel.rectification.RectificationEvents.RectificationDeclaredOngoing;
import org.ledger.kernel.rectification.RectificationEvents.RectificationPlanApproved;
import org.ledger.kernel.rectification.RectificationEvents.RectificationPlanReturned;
import org.ledger.kernel.rectification.RectificationEvents.RectificationPlanRevised;
import org.ledger.kernel.rectification.RectificationEvents.RectificationPlanned;
import org.ledger.kernel.rectification.RectificationEvents.RectificationReopened;
import org.ledger.kernel.rectification.RectificationEvents.WarningIssued;
import org.ledger.kernel.rectification.RectificationId;
import org.ledger.kernel.rectification.RectificationStatus;
import org.ledger.kernel.rectification.RectificationType;
import org.ledger.kernel.rectification.VerificationOutcome;
import org.ledger.kernel.rectification.WarningLevel;

/**
 * One rectification measure (整改事项) for one issue, tracked from its plan to its verified closure (销号), and
 * reopened when a look-back finds it rebounded. It is spawned by its {@code Issue}.
 *
 * <p>Warnings are facts too (DESIGN.md §3): while the item runs against its effective deadline, persistent deadlines
 * ({@link WarningPolicy}, db-scheduler behind Axon's {@link DeadlineManager}) make it record a GREEN notice, a YELLOW
 * warning and {@link BecameOverdue}, each once per effective deadline. Approval, an approved extension, a reopening
 * and a returned closure (re)schedule them; closure and ONGOING cancel them.
 */
@Aggregate(snapshotTriggerDefinition = SnapshotConfiguration.TRIGGER)
// Snapshots: the revision of the fields below; raise it with any change to them (AggregateSnapshotShapeTest).
@Revision("1")
@JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE, setterVisibility = Visibility.NONE)
public class RectificationItem {

    @AggregateIdentifier
    private RectificationId rectificationId;
    private IssueId issueId;
    private UnitId ownerUnitId;
    private RectificationType type;
    private RectificationStatus status;
    private LocalDate effectiveDeadline;
    private final Set<EvidenceId> evidence = new HashSet<>();
    private PendingExtension pendingExtension;
    private String closureRequestedBy;
    /** Where a returned closure request sends the item back to: IN_PROGRESS, or ONGOING for a long-term item. */
    private RectificationStatus statusBeforeClosureRequest;
    /** The warnings recorded for the current effective deadline: each is recorded once, also across restarts. */
    private final Set<WarningLevel> warningsIssued = EnumSet.noneOf(WarningLevel.class);
    /**
     * The latest date the item's own events name (planned on, reported on, ...): a lower bound of "today" that needs
     * no clock, used only to leave out a notice that a more severe warning has already overtaken.
     */
    private LocalDate knownToday;

    private record PendingExtension(ExtensionRequestId requestId, String requestedBy, LocalDate proposedDeadline) {
    }

    protected RectificationItem() {
        // for Axon's event sourcing
    }

    /** Spawned by {@code Issue} when it accepts a {@link PlanRectification}; the issue checked the deadline. */
    public RectificationItem(IssueId issueId, PlanRectification command, String plannedBy) {
        apply(new RectificationPlanned(command.rectificationId(), issueId, command.measure(), command.type(),
                command.ownerUnitId(), command.ownerName(), command.leaderName(), command.deadline(),
                command.target(), plannedBy, command.plannedOn()));
    }

    @CommandHandler
    void handle(RevisePlan command, ActorScope scope) {
        requireLeadOfOwnerUnit(scope);
        refuseIfClosed();
        if (status != RectificationStatus.PLANNED && status != RectificationStatus.PLAN_RETURNED) {
            throw new RuleViolation(RectificationRule.PlanRevisableOnlyBeforeApproval);
        }
        requireNotBefore(command.deadline(), command.revisedOn());
        apply(new RectificationPlanRevised(rectificationId, command.measure(), command.type(), command.ownerUnitId(),
                command.ownerName(), command.leaderName(), command.deadline(), command.target()));
    }

    @CommandHandler
    void handle(ApprovePlan command, @MetaDataValue(MetadataKeys.USER) String user, DeadlineManager deadlines,
                WarningPolicy policy, ActorScope scope) {
        requireSupervisorOfOwnerUnit(scope);
        requirePlanAwaitingApproval();
        apply(new RectificationPlanApproved(rectificationId, command.comment(), user));
        rescheduleWarnings(deadlines, policy);
    }

    @CommandHandler
    void handle(ReturnPlan command, @MetaDataValue(MetadataKeys.USER) String user, ActorScope scope) {
        requireSupervisorOfOwnerUnit(scope);
        requirePlanAwaitingApproval();
        apply(new RectificationPlanReturned(rectificationId, command.reason(), user));
    }

    @CommandHandler
    void handle(ReportProgress command, ActorScope scope) {
        requireLeadOfOwnerUnit(scope);
        refuseIfClosed();
        if (status != RectificationStatus.IN_PROGRESS && status != RectificationStatus.ONGOING) {
            throw new RuleViolation(RectificationRule.ProgressOnlyWhileInProgress, "the item is " + status);
        }
        List<EvidenceId> referenced = command.evidenceIds() == null ? List.of() : List.copyOf(command.evidenceIds());
        requireAttached(referenced);
        apply(new ProgressReported(rectificationId, command.percent(), command.note(), referenced,
                command.reportedOn()));
    }

    @CommandHandler
    void handle(AttachEvidence command, ActorScope scope) {
        requireLeadOfOwnerUnit(scope);
        refuseIfClosed();
        if (evidence.contains(command.evidenceId())) {
            throw new RuleViolation(RectificationRule.EvidenceIdUnique, command.evidenceId().value());
        }
        apply(new EvidenceAttached(rectificationId, command.evidenceId(), command.name(), command.mediaType(),
                command.size(), command.sha256()));
    }

    @CommandHandler
    void handle(RequestExtension command, @MetaDataValue(MetadataKeys.USER) String user, ActorScope scope) {
        requireLeadOfOwnerUnit(scope);
        refuseIfClosed();
        if (status != RectificationStatus.IN_PROGRESS) {
            throw new RuleViolation(RectificationRule.ExtensionOnlyWhileInProgress, "the item is " + status);
        }
        if (pendingExtension != null) {
            throw new RuleViolation(RectificationRule.OneExtensionPendingAtATime,
                    "request " + pendingExtension.requestId() + " is pending");
        }
        if (command.requestedOn().isAfter(effectiveDeadline)) {
            throw new RuleViolation(RectificationRule.ExtensionBeforeDeadline,
                    "the deadline " + effectiveDeadline + " has passed");
        }
        requireLaterThanDeadline(command.proposedDeadline());
        apply(new ExtensionRequested(rectificationId, command.requestId(), command.reason(),
                command.proposedDeadline(), user, command.requestedOn()));
    }

    @CommandHandler
    void handle(ApproveExtension command, @MetaDataValue(MetadataKeys.USER) String user, DeadlineManager deadlines,
                WarningPolicy policy, ActorScope scope) {
        requireSupervisorOfOwnerUnit(scope);
        PendingExtension pending = requirePending(command.requestId(), user);
        LocalDate newDeadline = command.newDeadline() != null ? command.newDeadline() : pending.proposedDeadline();
        requireLaterThanDeadline(newDeadline);
        apply(new ExtensionApproved(rectificationId, pending.requestId(), newDeadline, effectiveDeadline,
                command.comment(), user));
        if (warningsRun()) {
            rescheduleWarnings(deadlines, policy);
        }
    }

    @CommandHandler
    void handle(RejectExtension command, @MetaDataValue(MetadataKeys.USER) String user, ActorScope scope) {
        requireSupervisorOfOwnerUnit(scope);
        PendingExtension pending = requirePending(command.requestId(), user);
        apply(new ExtensionRejected(rectificationId, pending.requestId(), command.reason(), user));
    }

    @CommandHandler
    void handle(RequestClosure command, @MetaDataValue(MetadataKeys.USER) String user, ActorScope scope) {
        requireLeadOfOwnerUnit(scope);
        refuseIfClosed();
        if (status != RectificationStatus.IN_PROGRESS && status != RectificationStatus.ONGOING) {
            throw new RuleViolation(RectificationRule.ClosureOnlyWhileInProgress, "the item is " + status);
        }
        List<EvidenceId> referenced = command.evidenceIds() == null ? List.of() : List.copyOf(command.evidenceIds());
        if (referenced.isEmpty()) {
            throw new RuleViolation(RectificationRule.ClosureNeedsEvidence);
        }
        requireAttached(referenced);
        apply(new ClosureRequested(rectificationId, command.statement(), referenced, user, command.requestedOn()));
    }

    @CommandHandler
    void handle(VerifyClosure command, @MetaDataValue(MetadataKeys.USER) String user, DeadlineManager deadlines,
                WarningPolicy policy, ActorScope scope) {
        scope.require(AccessRule.VerifierFromSupervisingSide, scope.supervisesFromAbove(ownerUnitId), ownerUnitId);
        refuseIfClosed();
        if (status != RectificationStatus.CLOSURE_REQUESTED) {
            throw new RuleViolation(RectificationRule.VerificationNeedsClosureRequest, "the item is " + status);
        }
        if (closureRequestedBy != null && closureRequestedBy.equals(user)) {
            throw new RuleViolation(RectificationRule.VerifierMustNotBeRequester);
        }
        if (command.outcome() == VerificationOutcome.ONGOING && type != RectificationType.LONG_TERM) {
            throw new RuleViolation(RectificationRule.OngoingOnlyForLongTerm, "the measure is " + type);
        }
        switch (command.outcome()) {
            case CLOSED -> apply(new RectificationClosed(rectificationId, issueId, command.comment(), user,
                    command.verifiedOn()));
            case ONGOING -> apply(new RectificationDeclaredOngoing(rectificationId, issueId, command.comment(), user,
                    command.verifiedOn()));
            case RETURNED -> apply(new ClosureReturned(rectificationId, command.comment(), user,
                    statusBeforeClosureRequest));
        }
        // Closed and ONGOING items have no deadline to warn about; a returned closure runs against it again.
        if (warningsRun()) {
            rescheduleWarnings(deadlines, policy);
        } else {
            deadlines.cancelAllWithinScope(WarningPolicy.DEADLINE_NAME);
        }
    }

    @CommandHandler
    void handle(ReopenRectification command, @MetaDataValue(MetadataKeys.USER) String user,
                DeadlineManager deadlines, WarningPolicy policy, ActorScope scope) {
        requireSupervisorOfOwnerUnit(scope);
        if (status != RectificationStatus.CLOSED && status != RectificationStatus.ONGOING) {
            throw new RuleViolation(RectificationRule.ReopenOnlyClosed, "the item is " + status);
        }
        requireNotBefore(command.newDeadline(), command.reopenedOn());
        apply(new RectificationReopened(rectificationId, issueId, command.reason(), command.newDeadline(),
                command.lookBackId(), user, command.reopenedOn()));
        rescheduleWarnings(deadlines, policy);
    }

    /**
     * A warning deadline fired. It counts only while the item runs against the deadline it was computed for, and only
     * once per level: a deadline left over from an earlier effective deadline, a repeated firing (a retry, another
     * node) or a notice that a more severe warning has overtaken changes nothing.
     */
    @DeadlineHandler(deadlineName = WarningPolicy.DEADLINE_NAME)
    void on(WarningDue due) {
        if (!warningsRun() || !due.effectiveDeadline().equals(effectiveDeadline)) {
            return;
        }
        for (WarningLevel issued : warningsIssued) {
            if (issued == due.level() || issued.isMoreSevereThan(due.level())) {
                return;
            }
        }
        if (due.level() == WarningLevel.RED) {
            apply(new BecameOverdue(rectificationId, effectiveDeadline));
        } else {
            apply(new WarningIssued(rectificationId, due.level(), effectiveDeadline, due.daysLeft()));
        }
    }

    /** Warnings run while the item works against its effective deadline, including while its closure is checked. */
    private boolean warningsRun() {
        return status == RectificationStatus.IN_PROGRESS || status == RectificationStatus.CLOSURE_REQUESTED;
    }

    /**
     * Replaces the item's warning deadlines with those of the current effective deadline, leaving out those already
     * recorded for it. Deadlines already due are scheduled in the past: the scheduler fires them at once.
     */
    private void rescheduleWarnings(DeadlineManager deadlines, WarningPolicy policy) {
        deadlines.cancelAllWithinScope(WarningPolicy.DEADLINE_NAME);
        for (WarningPolicy.Scheduled warning : policy.warningsFor(effectiveDeadline, knownToday)) {
            if (!warningsIssued.contains(warning.warning().level())) {
                deadlines.schedule(warning.at(), WarningPolicy.DEADLINE_NAME, warning.warning());
            }
        }
    }

    private void heardOf(LocalDate date) {
        if (date != null && (knownToday == null || date.isAfter(knownToday))) {
            knownToday = date;
        }
    }

    /** The owner unit's own work (DESIGN.md §6): plan revisions, progress, evidence, requests. */
    private void requireLeadOfOwnerUnit(ActorScope scope) {
        scope.require(AccessRule.ItemWorkByLeadOfOwnerUnit, scope.leads(ownerUnitId), ownerUnitId);
    }

    /** Decisions on the item belong to the supervising side of its owner unit (DESIGN.md §6). */
    private void requireSupervisorOfOwnerUnit(ActorScope scope) {
        scope.require(AccessRule.ItemDecisionBySupervisorOfOwnerUnit, scope.supervises(ownerUnitId), ownerUnitId);
    }

    private void refuseIfClosed() {
        if (status == RectificationStatus.CLOSED) {
            throw new RuleViolation(RectificationRule.ClosedItemIsFinal);
        }
    }

    private void requirePlanAwaitingApproval() {
        if (status != RectificationStatus.PLANNED) {
            throw new RuleViolation(RectificationRule.PlanMustAwaitApproval, "the item is " + status);
        }
    }

    private void requireNotBefore(LocalDate deadline, LocalDate today) {
        if (deadline.isBefore(today)) {
            throw new RuleViolation(RectificationRule.DeadlineNotInPast, deadline + " is before " + today);
        }
    }

    private void requireLaterThanDeadline(LocalDate deadline) {
        if (!deadline.isAfter(effectiveDeadline)) {
            throw new RuleViolation(RectificationRule.ExtensionMustMoveDeadlineLater,
                    deadline + " is not after " + effectiveDeadline);
        }
    }

    private void requireAttached(List<EvidenceId> referenced) {
        for (EvidenceId id : referenced) {
            if (!evidence.contains(id)) {
                throw new RuleViolation(RectificationRule.EvidenceMustBeAttached, id.value());
            }
        }
    }

    private PendingExtension requirePending(ExtensionRequestId requestId, String user) {
        refuseIfClosed();
        if (pendingExtension == null || !pendingExtension.requestId().equals(requestId)) {
            throw new RuleViolation(RectificationRule.UnknownExtensionRequest, requestId.value());
        }
        if (pendingExtension.requestedBy() != null && pendingExtension.requestedBy().equals(user)) {
            throw new RuleViolation(RectificationRule.NoSelfDecisionOnExtension);
        }
        return pendingExtension;
    }

    @EventSourcingHandler
    void on(RectificationPlanned event) {
        rectificationId = event.rectificationId();
        issueId = event.issueId();
        ownerUnitId = event.ownerUnitId();
        type = event.type();
        effectiveDeadline = event.deadline();
        status = RectificationStatus.PLANNED;
        heardOf(event.plannedOn());
    }

    @EventSourcingHandler
    void on(RectificationPlanRevised event) {
        ownerUnitId = event.ownerUnitId();
        type = event.type();
        effectiveDeadline = event.deadline();
        warningsIssued.clear();
        status = RectificationStatus.PLANNED;
    }

    @EventSourcingHandler
    void on(RectificationPlanApproved event) {
        status = RectificationStatus.IN_PROGRESS;
    }

    @EventSourcingHandler
    void on(RectificationPlanReturned event) {
        status = RectificationStatus.PLAN_RETURNED;
    }

    @EventSourcingHandler
    void on(EvidenceAttached event) {
        evidence.add(event.evidenceId());
    }

    @EventSourcingHandler
    void on(ProgressReported event) {
        heardOf(event.reportedOn());
    }

    @EventSourcingHandler
    void on(ExtensionRequested event) {
        pendingExtension = new PendingExtension(event.requestId(), event.requestedBy(), event.proposedDeadline());
        heardOf(event.requestedOn());
    }

    @EventSourcingHandler
    void on(ExtensionApproved event) {
        effectiveDeadline = event.newDeadline();
        // A new effective deadline starts its warnings afresh (the ledger goes back to GREEN).
        warningsIssued.clear();
        pendingExtension = null;
    }

    @EventSourcingHandler
    void on(ExtensionRejected event) {
        pendingExtension = null;
    }

    @EventSourcingHandler
    void on(ClosureRequested event) {
        closureRequestedBy = event.requestedBy();
        statusBeforeClosureRequest = status;
        status = RectificationStatus.CLOSURE_REQUESTED;
        heardOf(event.requestedOn());
    }

    @EventSourcingHandler
    void on(RectificationClosed event) {
        // A closed item needs no extension: an undecided request lapses.
        pendingExtension = null;
        status = RectificationStatus.CLOSED;
        heardOf(event.closedOn());
    }

    @EventSourcingHandler
    void on(RectificationDeclaredOngoing event) {
        // An ongoing measure has no deadline left to extend: an undecided request lapses.
        pendingExtension = null;
        status = RectificationStatus.ONGOING;
        heardOf(event.verifiedOn());
    }

    @EventSourcingHandler
    void on(ClosureReturned event) {
        closureRequestedBy = null;
        status = event.returnedTo();
    }

    @EventSourcingHandler
    void on(RectificationReopened event) {
        effectiveDeadline = event.newDeadline();
        warningsIssued.clear();
        closureRequestedBy = null;
        status = RectificationStatus.IN_PROGRESS;
        heardOf(event.reopenedOn());
    }

    @EventSourcingHandler
    void on(WarningIssued event) {
        warningsIssued.add(event.level());
    }

    @EventSourcingHandler
    void on(BecameOverdue event) {
        warningsIssued.add(WarningLevel.RED);
    }
}
