package org.ledger.query.issue;

import java.time.Instant;
import java.util.function.Consumer;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
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
import org.ledger.kernel.issue.ResponsibilityItemRef;
import org.ledger.kernel.unit.UnitId;
import org.ledger.query.support.CurrentVersions;
import org.ledger.query.support.ProjectionNames;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Builds the issue ledger (问题清单) from the issue events. Every applied event closes the row's current version
 * at the event's timestamp and adds a new version; an event whose sequence number the row has already seen is
 * skipped, so replays and redeliveries are harmless.
 */
@Component
@ProcessingGroup(ProjectionNames.ISSUE_LEDGER)
public class IssueLedgerProjection {

    private static final Logger log = LoggerFactory.getLogger(IssueLedgerProjection.class);

    /** The ledger's rows, read and written by plain JDBC. */
    private final IssueLedgerTable rows;
    private final IssueLedgerItemRepository items;
    private final CurrentVersions<IssueLedgerRow> currentRows = new CurrentVersions<>();

    public IssueLedgerProjection(IssueLedgerTable rows, IssueLedgerItemRepository items) {
        this.rows = rows;
        this.items = items;
    }

    @EventHandler
    public void on(IssueRegistered event, @SequenceNumber long seq, @Timestamp Instant at) {
        String id = event.issueId().value();
        if (currentRows.find(id, rows::current).isPresent()) {
            return;
        }
        IssueLedgerRow row = new IssueLedgerRow(id, seq, at);
        ResponsibilityItemRef ref = event.responsibilityItem();
        row.describe(event.title(), event.description(), event.source(), event.sourceReference(), event.category(),
                event.severity(), value(event.responsibleUnitId()), value(event.raisedByUnitId()), event.foundOn(),
                ref == null ? null : ref.agreementId(), ref == null ? null : ref.itemId());
        rows.add(row);
        currentRows.remember(id, row);
    }

    @EventHandler
    public void on(IssueAcknowledged event, @SequenceNumber long seq, @Timestamp Instant at) {
        apply(event.issueId(), seq, at, row -> row.setStatus(IssueStatus.ACKNOWLEDGED));
    }

    @EventHandler
    public void on(RootCauseRecorded event, @SequenceNumber long seq, @Timestamp Instant at) {
        apply(event.issueId(), seq, at, row -> row.setRootCause(event.revision(), event.analysis()));
    }

    @EventHandler
    public void on(RectificationItemAdded event, @SequenceNumber long seq, @Timestamp Instant at) {
        apply(event.issueId(), seq, at, row -> {
            String itemId = event.rectificationId().value();
            if (!items.existsById(itemId)) {
                items.save(new IssueLedgerItem(itemId, row.getIssueId()));
                row.countNewItem();
            }
            row.setStatus(IssueStatus.RECTIFYING);
        });
    }

    @EventHandler
    public void on(RectificationOutcomeRecorded event, @SequenceNumber long seq, @Timestamp Instant at) {
        apply(event.issueId(), seq, at, row -> {
            String itemId = event.rectificationId().value();
            IssueLedgerItem item = items.findById(itemId).orElse(null);
            if (item == null) {
                item = new IssueLedgerItem(itemId, row.getIssueId());
                row.countNewItem();
            }
            row.countOutcome(item.getLastOutcome(), event.outcome());
            item.setLastOutcome(event.outcome());
            items.save(item);
        });
    }

    @EventHandler
    public void on(IssueResolved event, @SequenceNumber long seq, @Timestamp Instant at) {
        apply(event.issueId(), seq, at, row -> row.setStatus(IssueStatus.RESOLVED));
    }

    @EventHandler
    public void on(IssueReopened event, @SequenceNumber long seq, @Timestamp Instant at) {
        apply(event.issueId(), seq, at, row -> row.setStatus(IssueStatus.RECTIFYING));
    }

    @EventHandler
    public void on(IssueDismissed event, @SequenceNumber long seq, @Timestamp Instant at) {
        apply(event.issueId(), seq, at, row -> {
            row.setStatus(IssueStatus.DISMISSED);
            row.setDismissalReason(event.reason());
        });
    }

    /** Forgets the whole ledger, so that a replay rebuilds it from the first event. */
    @ResetHandler
    public void reset() {
        rows.truncate();
        items.deleteAllItems();
        currentRows.forgetAll();
    }

    /**
     * Supersedes the issue's current row at {@code at} by a copy with {@code change} applied. The current row may be
     * one this transaction added for an earlier event (CurrentVersions), still held back (IssueLedgerTable): then it
     * is written once, ended. A stored one is ended by its row id.
     */
    private void apply(IssueId issueId, long seq, Instant at, Consumer<IssueLedgerRow> change) {
        String id = issueId.value();
        IssueLedgerRow current = currentRows.find(id, rows::current).orElse(null);
        if (current == null) {
            log.warn("Issue ledger has no row for issue {}; event {} skipped", issueId, seq);
            return;
        }
        if (current.getVersion() >= seq) {
            return;
        }
        IssueLedgerRow next = current.nextVersion(seq, at);
        change.accept(next);
        rows.supersede(current, at);
        rows.add(next);
        currentRows.remember(id, next);
    }

    private static String value(UnitId id) {
        return id == null ? null : id.value();
    }
}
