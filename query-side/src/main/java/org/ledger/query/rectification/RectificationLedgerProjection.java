package org.ledger.query.rectification;

import java.time.Instant;
import java.util.function.Consumer;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.ledger.kernel.issue.IssueEvents.IssueRegistered;
import org.ledger.kernel.issue.IssueEvents.RootCauseRecorded;
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
import org.ledger.kernel.rectification.WarningLevel;
import org.ledger.kernel.rectification.RectificationId;
import org.ledger.kernel.rectification.RectificationStatus;
import org.ledger.kernel.unit.UnitId;
import org.ledger.query.support.CurrentVersions;
import org.ledger.query.support.ProjectionNames;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Builds the rectification ledger (整改台账) from the item events, with the issue's title, description, source,
 * responsible unit and latest root cause copied onto each row from the issue events. Every applied event closes
 * the row's current version at the event's timestamp and adds a new one; events already seen are skipped.
 */
@Component
@ProcessingGroup(ProjectionNames.RECTIFICATION_LEDGER)
public class RectificationLedgerProjection {

    private static final Logger log = LoggerFactory.getLogger(RectificationLedgerProjection.class);

    /** The ledger's rows, read and written by plain JDBC. */
    private final RectificationLedgerTable rows;
    private final RectificationLedgerIssueRepository issues;
    /** Each item's current row as this transaction last wrote it: the item's next event needs no query. */
    private final CurrentVersions<RectificationLedgerRow> currentRows = new CurrentVersions<>();

    public RectificationLedgerProjection(RectificationLedgerTable rows, RectificationLedgerIssueRepository issues) {
        this.rows = rows;
        this.issues = issues;
    }

    // --- issue facts -------------------------------------------------------------------------------------------

    @EventHandler
    public void on(IssueRegistered event, @SequenceNumber long seq, @Timestamp Instant at) {
        String id = event.issueId().value();
        if (issues.existsById(id)) {
            return;
        }
        RectificationLedgerIssue issue = issues.save(new RectificationLedgerIssue(id, seq, event.title(),
                event.description(), event.source(), value(event.responsibleUnitId())));
        showOnItems(issue, at);
    }

    @EventHandler
    public void on(RootCauseRecorded event, @SequenceNumber long seq, @Timestamp Instant at) {
        RectificationLedgerIssue issue = issues.findById(event.issueId().value()).orElse(null);
        if (issue == null) {
            log.warn("Rectification ledger has no facts of issue {}; root cause {} skipped", event.issueId(), seq);
            return;
        }
        if (issue.getVersion() >= seq) {
            return;
        }
        issue.recordRootCause(seq, event.revision(), event.analysis());
        issues.save(issue);
        showOnItems(issue, at);
    }

    /** A new version of each current row of the issue's items that shows other facts; the item version stays. */
    private void showOnItems(RectificationLedgerIssue issue, Instant at) {
        for (RectificationLedgerRow current : rows.currentOfIssue(issue.getIssueId())) {
            if (current.showsIssueFacts(issue)) {
                continue;
            }
            RectificationLedgerRow next = current.nextVersion(current.getVersion(), at);
            next.copyIssueFacts(issue);
            rows.supersede(current, at);
            rows.add(next);
            currentRows.remember(next.getRectificationId(), next);
        }
    }

    // --- item events -------------------------------------------------------------------------------------------

    @EventHandler
    public void on(RectificationPlanned event, @SequenceNumber long seq, @Timestamp Instant at) {
        String id = event.rectificationId().value();
        if (currentRows.find(id, rows::current).isPresent()) {
            return;
        }
        RectificationLedgerRow row = new RectificationLedgerRow(id, event.issueId().value(), seq, at);
        row.plan(event.measure(), event.type(), value(event.ownerUnitId()), event.ownerName(), event.leaderName(),
                event.deadline(), event.target());
        issues.findById(event.issueId().value()).ifPresent(row::copyIssueFacts);
        rows.add(row);
        currentRows.remember(id, row);
    }

    @EventHandler
    public void on(RectificationPlanRevised event, @SequenceNumber long seq, @Timestamp Instant at) {
        apply(event.rectificationId(), seq, at, row -> {
            row.plan(event.measure(), event.type(), value(event.ownerUnitId()), event.ownerName(),
                    event.leaderName(), event.deadline(), event.target());
            row.setStatus(RectificationStatus.PLANNED);
        });
    }

    @EventHandler
    public void on(RectificationPlanReturned event, @SequenceNumber long seq, @Timestamp Instant at) {
        apply(event.rectificationId(), seq, at, row -> row.setStatus(RectificationStatus.PLAN_RETURNED));
    }

    @EventHandler
    public void on(RectificationPlanApproved event, @SequenceNumber long seq, @Timestamp Instant at) {
        apply(event.rectificationId(), seq, at, RectificationLedgerRow::planApproved);
    }

    @EventHandler
    public void on(ProgressReported event, @SequenceNumber long seq, @Timestamp Instant at) {
        apply(event.rectificationId(), seq, at,
                row -> row.reportProgress(event.percent(), event.note(), event.reportedOn()));
    }

    @EventHandler
    public void on(EvidenceAttached event, @SequenceNumber long seq, @Timestamp Instant at) {
        apply(event.rectificationId(), seq, at, RectificationLedgerRow::evidenceAttached);
    }

    @EventHandler
    public void on(ExtensionRequested event, @SequenceNumber long seq, @Timestamp Instant at) {
        apply(event.rectificationId(), seq, at,
                row -> row.extensionRequested(event.requestId().value(), event.proposedDeadline(),
                        event.requestedBy()));
    }

    @EventHandler
    public void on(ExtensionApproved event, @SequenceNumber long seq, @Timestamp Instant at) {
        apply(event.rectificationId(), seq, at, row -> row.extensionApproved(event.newDeadline()));
    }

    @EventHandler
    public void on(ExtensionRejected event, @SequenceNumber long seq, @Timestamp Instant at) {
        apply(event.rectificationId(), seq, at, RectificationLedgerRow::clearPendingExtension);
    }

    @EventHandler
    public void on(ClosureRequested event, @SequenceNumber long seq, @Timestamp Instant at) {
        apply(event.rectificationId(), seq, at, row -> row.closureRequested(event.requestedOn(), event.requestedBy()));
    }

    @EventHandler
    public void on(RectificationClosed event, @SequenceNumber long seq, @Timestamp Instant at) {
        apply(event.rectificationId(), seq, at, row -> row.closed(event.verifiedBy(), event.closedOn()));
    }

    @EventHandler
    public void on(RectificationDeclaredOngoing event, @SequenceNumber long seq, @Timestamp Instant at) {
        apply(event.rectificationId(), seq, at, row -> row.declaredOngoing(event.verifiedBy()));
    }

    @EventHandler
    public void on(ClosureReturned event, @SequenceNumber long seq, @Timestamp Instant at) {
        apply(event.rectificationId(), seq, at, row -> row.closureReturned(event.returnedTo()));
    }

    @EventHandler
    public void on(WarningIssued event, @SequenceNumber long seq, @Timestamp Instant at) {
        apply(event.rectificationId(), seq, at, row -> row.warned(event.level()));
    }

    @EventHandler
    public void on(BecameOverdue event, @SequenceNumber long seq, @Timestamp Instant at) {
        apply(event.rectificationId(), seq, at, row -> row.warned(WarningLevel.RED));
    }

    @EventHandler
    public void on(RectificationReopened event, @SequenceNumber long seq, @Timestamp Instant at) {
        apply(event.rectificationId(), seq, at, row -> row.reopened(event.newDeadline()));
    }

    /** Forgets the whole ledger, so that a replay rebuilds it from the first event. */
    @ResetHandler
    public void reset() {
        rows.truncate();
        issues.deleteAllIssues();
        currentRows.forgetAll();
    }

    /**
     * Supersedes the item's current row at {@code at} by a copy with {@code change} applied. The current row may be
     * one this transaction added for an earlier event (CurrentVersions), still held back (RectificationLedgerTable):
     * then it is written once, ended. A stored one is ended by its row id, not saved.
     */
    private void apply(RectificationId id, long seq, Instant at, Consumer<RectificationLedgerRow> change) {
        RectificationLedgerRow current =
                currentRows.find(id.value(), rows::current).orElse(null);
        if (current == null) {
            log.warn("Rectification ledger has no row for item {}; event {} skipped", id, seq);
            return;
        }
        if (current.getVersion() >= seq) {
            return;
        }
        RectificationLedgerRow next = current.nextVersion(seq, at);
        change.accept(next);
        next.touch(at);
        rows.supersede(current, at);
        rows.add(next);
        currentRows.remember(id.value(), next);
    }

    private static String value(UnitId id) {
        return id == null ? null : id.value();
    }
}
