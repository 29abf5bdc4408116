package org.ledger.query.statistics;

import java.time.Instant;
import java.util.function.Consumer;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.ledger.kernel.issue.IssueEvents.IssueDismissed;
import org.ledger.kernel.issue.IssueEvents.IssueRegistered;
import org.ledger.kernel.rectification.RectificationEvents.ClosureRequested;
import org.ledger.kernel.rectification.RectificationEvents.ClosureReturned;
import org.ledger.kernel.rectification.RectificationEvents.ExtensionApproved;
import org.ledger.kernel.rectification.RectificationEvents.RectificationClosed;
import org.ledger.kernel.rectification.RectificationEvents.RectificationDeclaredOngoing;
import org.ledger.kernel.rectification.RectificationEvents.RectificationPlanApproved;
import org.ledger.kernel.rectification.RectificationEvents.RectificationPlanReturned;
import org.ledger.kernel.rectification.RectificationEvents.RectificationPlanRevised;
import org.ledger.kernel.rectification.RectificationEvents.RectificationPlanned;
import org.ledger.kernel.rectification.RectificationEvents.RectificationReopened;
import org.ledger.kernel.rectification.RectificationId;
import org.ledger.kernel.rectification.RectificationStatus;
import org.ledger.query.support.CurrentVersions;
import org.ledger.query.support.ProjectionNames;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Builds the fact tables of the rectification statistics from issue and item events. Like the ledgers, every
 * applied event closes the current version at the event's timestamp and adds a new one, so the statistics can be
 * computed as of any instant; events already seen (sequence number not above the version) are skipped. Only the
 * events that change a counted fact are handled: progress reports, evidence and extension requests change no
 * figure, and leaving them out keeps the tables small.
 *
 * <p>Item facts carry their issue's source, responsible unit and found-on date, so the projection needs an
 * issue's events before its items' (one sequence, see ProjectionConfiguration); facts of an issue that arrive
 * late are still copied onto its items.
 */
@Component
@ProcessingGroup(ProjectionNames.RECTIFICATION_STATISTICS)
public class RectificationStatisticsProjection {

    private static final Logger log = LoggerFactory.getLogger(RectificationStatisticsProjection.class);

    private final StatisticsIssueFactRepository issues;
    /** The item facts, read and written by plain JDBC. */
    private final StatisticsItemTable items;
    /** Each issue's and item's current facts as this transaction last wrote them: no query for the next event. */
    private final CurrentVersions<StatisticsIssueFact> currentIssues = new CurrentVersions<>();
    private final CurrentVersions<StatisticsItemFact> currentItems = new CurrentVersions<>();

    public RectificationStatisticsProjection(StatisticsIssueFactRepository issues, StatisticsItemTable items) {
        this.issues = issues;
        this.items = items;
    }

    // --- issue facts -------------------------------------------------------------------------------------------

    @EventHandler
    public void on(IssueRegistered event, @SequenceNumber long seq, @Timestamp Instant at) {
        String id = event.issueId().value();
        if (currentIssues.find(id, issues::findByIssueIdAndValidToIsNull).isPresent()) {
            return;
        }
        StatisticsIssueFact issue = issues.save(new StatisticsIssueFact(id, event.source(),
                event.responsibleUnitId().value(), event.foundOn(), seq, at));
        currentIssues.remember(id, issue);
        showOnItems(issue, at);
    }

    @EventHandler
    public void on(IssueDismissed event, @SequenceNumber long seq, @Timestamp Instant at) {
        // Queried, not taken from currentIssues: this version is superseded in memory and saved.
        StatisticsIssueFact current = issues.findByIssueIdAndValidToIsNull(event.issueId().value()).orElse(null);
        if (current == null) {
            log.warn("Statistics have no facts of issue {}; dismissal {} skipped", event.issueId(), seq);
            return;
        }
        if (current.getVersion() >= seq) {
            return;
        }
        StatisticsIssueFact next = current.nextVersion(seq, at);
        current.supersede(at);
        next.dismiss();
        issues.save(current);
        issues.save(next);
        currentIssues.remember(next.getIssueId(), next);
        showOnItems(next, at);
    }

    /** A new version of each current item fact of the issue that shows other issue facts; the item version stays. */
    private void showOnItems(StatisticsIssueFact issue, Instant at) {
        for (StatisticsItemFact current : items.currentOfIssue(issue.getIssueId())) {
            if (current.showsIssueFacts(issue)) {
                continue;
            }
            StatisticsItemFact next = current.nextVersion(current.getVersion(), at);
            next.copyIssueFacts(issue);
            items.supersede(current, at);
            items.add(next);
            currentItems.remember(next.getRectificationId(), next);
        }
    }

    // --- item facts --------------------------------------------------------------------------------------------

    @EventHandler
    public void on(RectificationPlanned event, @SequenceNumber long seq, @Timestamp Instant at) {
        String id = event.rectificationId().value();
        if (currentItems.find(id, items::current).isPresent()) {
            return;
        }
        StatisticsItemFact item = new StatisticsItemFact(id, event.issueId().value(), event.type(),
                event.ownerUnitId().value(), event.plannedOn(), event.deadline(), seq, at);
        currentIssues.find(event.issueId().value(), issues::findByIssueIdAndValidToIsNull)
                .ifPresent(item::copyIssueFacts);
        items.add(item);
        currentItems.remember(id, item);
    }

    @EventHandler
    public void on(RectificationPlanRevised event, @SequenceNumber long seq, @Timestamp Instant at) {
        apply(event.rectificationId(), seq, at,
                item -> item.revise(event.type(), event.ownerUnitId().value(), event.deadline()));
    }

    @EventHandler
    public void on(RectificationPlanReturned event, @SequenceNumber long seq, @Timestamp Instant at) {
        apply(event.rectificationId(), seq, at, item -> item.setStatus(RectificationStatus.PLAN_RETURNED));
    }

    @EventHandler
    public void on(RectificationPlanApproved event, @SequenceNumber long seq, @Timestamp Instant at) {
        apply(event.rectificationId(), seq, at, item -> item.setStatus(RectificationStatus.IN_PROGRESS));
    }

    @EventHandler
    public void on(ExtensionApproved event, @SequenceNumber long seq, @Timestamp Instant at) {
        apply(event.rectificationId(), seq, at, item -> item.extendTo(event.newDeadline()));
    }

    @EventHandler
    public void on(ClosureRequested event, @SequenceNumber long seq, @Timestamp Instant at) {
        apply(event.rectificationId(), seq, at, item -> item.setStatus(RectificationStatus.CLOSURE_REQUESTED));
    }

    @EventHandler
    public void on(RectificationClosed event, @SequenceNumber long seq, @Timestamp Instant at) {
        apply(event.rectificationId(), seq, at, item -> item.close(event.closedOn()));
    }

    @EventHandler
    public void on(RectificationDeclaredOngoing event, @SequenceNumber long seq, @Timestamp Instant at) {
        apply(event.rectificationId(), seq, at, item -> item.setStatus(RectificationStatus.ONGOING));
    }

    @EventHandler
    public void on(ClosureReturned event, @SequenceNumber long seq, @Timestamp Instant at) {
        apply(event.rectificationId(), seq, at, item -> item.setStatus(event.returnedTo()));
    }

    @EventHandler
    public void on(RectificationReopened event, @SequenceNumber long seq, @Timestamp Instant at) {
        apply(event.rectificationId(), seq, at, item -> item.reopen(event.newDeadline()));
    }

    /** Forgets all facts, so that a replay rebuilds them from the first event. */
    @ResetHandler
    public void reset() {
        items.truncate();
        issues.deleteAllVersions();
        currentItems.forgetAll();
        currentIssues.forgetAll();
    }

    /**
     * Supersedes the item's current facts at {@code at} by a copy with {@code change} applied. The current facts may
     * be a version this transaction added for an earlier event (CurrentVersions), still held back
     * (StatisticsItemTable): then it is written once, ended. A stored one is ended by its row id.
     */
    private void apply(RectificationId id, long seq, Instant at, Consumer<StatisticsItemFact> change) {
        StatisticsItemFact current =
                currentItems.find(id.value(), items::current).orElse(null);
        if (current == null) {
            log.warn("Statistics have no facts of item {}; event {} skipped", id, seq);
            return;
        }
        if (current.getVersion() >= seq) {
            return;
        }
        StatisticsItemFact next = current.nextVersion(seq, at);
        change.accept(next);
        items.supersede(current, at);
        items.add(next);
        currentItems.remember(id.value(), next);
    }
}
