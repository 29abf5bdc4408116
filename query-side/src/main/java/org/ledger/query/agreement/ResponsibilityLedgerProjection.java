package org.ledger.query.agreement;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.ledger.kernel.agreement.AgreementEvents.AgreementArchived;
import org.ledger.kernel.agreement.AgreementEvents.AgreementAssessed;
import org.ledger.kernel.agreement.AgreementEvents.AgreementCameIntoForce;
import org.ledger.kernel.agreement.AgreementEvents.AgreementDrafted;
import org.ledger.kernel.agreement.AgreementEvents.AgreementSigned;
import org.ledger.kernel.agreement.AgreementEvents.ResponsibilityItemAdded;
import org.ledger.kernel.agreement.AgreementEvents.ResponsibilityItemChanged;
import org.ledger.kernel.agreement.AgreementEvents.ResponsibilityItemRemoved;
import org.ledger.kernel.agreement.AgreementEvents.TaskCancelled;
import org.ledger.kernel.agreement.AgreementEvents.TaskChanged;
import org.ledger.kernel.agreement.AgreementEvents.TaskCompleted;
import org.ledger.kernel.agreement.AgreementEvents.TaskPlanned;
import org.ledger.kernel.agreement.AgreementEvents.TaskProgressReported;
import org.ledger.kernel.agreement.AgreementId;
import org.ledger.kernel.agreement.ItemScore;
import org.ledger.kernel.issue.IssueEvents.IssueDismissed;
import org.ledger.kernel.issue.IssueEvents.IssueRegistered;
import org.ledger.kernel.issue.IssueEvents.IssueReopened;
import org.ledger.kernel.issue.IssueEvents.IssueResolved;
import org.ledger.kernel.issue.IssueId;
import org.ledger.query.support.ProjectionNames;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Builds the responsibility ledger (责任清单): one row per responsibility item, with its agreement's facts, its task
 * counts, its score and the counts of the issues that name it; plus one row per agreement version for the single
 * read. Every agreement event makes a new version of the agreement row (its {@code version} is the agreement's
 * sequence number) and of the item rows it changes; events already seen are skipped. Issue events change only the
 * issue counts of the item they name (kept in {@link ResponsibilityLedgerIssue}).
 *
 * <p>It writes item rows from two kinds of aggregates (agreements and issues), so it runs in one sequence
 * (ProjectionConfiguration): two segments must never supersede the same row at once.
 */
@Component
@ProcessingGroup(ProjectionNames.RESPONSIBILITY_LEDGER)
public class ResponsibilityLedgerProjection {

    private static final Logger log = LoggerFactory.getLogger(ResponsibilityLedgerProjection.class);

    private final ResponsibilityLedgerAgreementRepository agreements;
    private final ResponsibilityLedgerRepository rows;
    private final ResponsibilityLedgerIssueRepository issues;

    public ResponsibilityLedgerProjection(ResponsibilityLedgerAgreementRepository agreements,
                                          ResponsibilityLedgerRepository rows,
                                          ResponsibilityLedgerIssueRepository issues) {
        this.agreements = agreements;
        this.rows = rows;
        this.issues = issues;
    }

    // --- agreement events ----------------------------------------------------------------------------------------

    @EventHandler
    public void on(AgreementDrafted event, @SequenceNumber long seq, @Timestamp Instant at) {
        String id = event.agreementId().value();
        if (agreements.existsByAgreementId(id)) {
            return;
        }
        agreements.save(new ResponsibilityLedgerAgreement(id, seq, at, event.title(), event.periodStart(),
                event.periodEnd(), event.issuerUnitId().value(), event.responsibleUnitId().value(),
                event.fullScore()));
    }

    @EventHandler
    public void on(ResponsibilityItemAdded event, @SequenceNumber long seq, @Timestamp Instant at) {
        apply(event.agreementId(), seq, at, agreement -> agreement.itemAdded(event.weight()), items -> {
            ResponsibilityLedgerRow row = new ResponsibilityLedgerRow(event.agreementId().value(),
                    event.itemId().value(), seq, at, event.category(), event.content(), event.weight());
            row.issueCounts(count(row, ResponsibilityLedgerIssue.OPEN), count(row, ResponsibilityLedgerIssue.CLOSED));
            items.add(row);
        });
    }

    @EventHandler
    public void on(ResponsibilityItemChanged event, @SequenceNumber long seq, @Timestamp Instant at) {
        apply(event.agreementId(), seq, at,
                agreement -> agreement.weightChanged(event.previousWeight(), event.weight()),
                items -> items.update(event.itemId().value(),
                        row -> row.change(event.category(), event.content(), event.weight())));
    }

    @EventHandler
    public void on(ResponsibilityItemRemoved event, @SequenceNumber long seq, @Timestamp Instant at) {
        apply(event.agreementId(), seq, at, agreement -> agreement.itemRemoved(event.weight()),
                items -> items.remove(event.itemId().value()));
    }

    @EventHandler
    public void on(TaskPlanned event, @SequenceNumber long seq, @Timestamp Instant at) {
        apply(event.agreementId(), seq, at, agreement -> { },
                items -> items.update(event.itemId().value(), ResponsibilityLedgerRow::taskPlanned));
    }

    @EventHandler
    public void on(TaskChanged event, @SequenceNumber long seq, @Timestamp Instant at) {
        apply(event.agreementId(), seq, at, agreement -> { }, items -> { });
    }

    @EventHandler
    public void on(TaskCancelled event, @SequenceNumber long seq, @Timestamp Instant at) {
        apply(event.agreementId(), seq, at, agreement -> { },
                items -> items.update(event.itemId().value(), ResponsibilityLedgerRow::taskCancelled));
    }

    @EventHandler
    public void on(TaskProgressReported event, @SequenceNumber long seq, @Timestamp Instant at) {
        apply(event.agreementId(), seq, at, agreement -> { }, items -> { });
    }

    @EventHandler
    public void on(TaskCompleted event, @SequenceNumber long seq, @Timestamp Instant at) {
        apply(event.agreementId(), seq, at, agreement -> { },
                items -> items.update(event.itemId().value(), ResponsibilityLedgerRow::taskCompleted));
    }

    @EventHandler
    public void on(AgreementSigned event, @SequenceNumber long seq, @Timestamp Instant at) {
        apply(event.agreementId(), seq, at,
                agreement -> agreement.signed(event.party(), event.signerName(), event.signedOn()), items -> { });
    }

    @EventHandler
    public void on(AgreementCameIntoForce event, @SequenceNumber long seq, @Timestamp Instant at) {
        apply(event.agreementId(), seq, at, agreement -> agreement.cameIntoForce(event.inForceOn()), items -> { });
    }

    @EventHandler
    public void on(AgreementAssessed event, @SequenceNumber long seq, @Timestamp Instant at) {
        apply(event.agreementId(), seq, at,
                agreement -> agreement.assessed(event.total(), event.grade(), event.assessedOn()),
                items -> {
                    for (ItemScore score : event.scores()) {
                        items.update(score.itemId().value(), row -> row.scored(score.score(), score.comment()));
                    }
                });
    }

    @EventHandler
    public void on(AgreementArchived event, @SequenceNumber long seq, @Timestamp Instant at) {
        apply(event.agreementId(), seq, at, agreement -> agreement.archived(event.archivedOn()), items -> { });
    }

    // --- issue events --------------------------------------------------------------------------------------------

    @EventHandler
    public void on(IssueRegistered event, @SequenceNumber long seq, @Timestamp Instant at) {
        if (event.responsibilityItem() == null || issues.existsById(event.issueId().value())) {
            return;
        }
        String agreementId = event.responsibilityItem().agreementId();
        String itemId = event.responsibilityItem().itemId();
        if (agreementId == null || itemId == null) {
            return;
        }
        issues.save(new ResponsibilityLedgerIssue(event.issueId().value(), agreementId, itemId, seq));
        recount(agreementId, itemId, at);
    }

    @EventHandler
    public void on(IssueResolved event, @SequenceNumber long seq, @Timestamp Instant at) {
        issueMoved(event.issueId(), ResponsibilityLedgerIssue.CLOSED, seq, at);
    }

    @EventHandler
    public void on(IssueReopened event, @SequenceNumber long seq, @Timestamp Instant at) {
        issueMoved(event.issueId(), ResponsibilityLedgerIssue.OPEN, seq, at);
    }

    @EventHandler
    public void on(IssueDismissed event, @SequenceNumber long seq, @Timestamp Instant at) {
        issueMoved(event.issueId(), ResponsibilityLedgerIssue.DISMISSED, seq, at);
    }

    /** Forgets the whole ledger, so that a replay rebuilds it from the first event. */
    @ResetHandler
    public void reset() {
        rows.deleteAllVersions();
        agreements.deleteAllVersions();
        issues.deleteAllIssues();
    }

    private void issueMoved(IssueId issueId, String state, long seq, Instant at) {
        ResponsibilityLedgerIssue issue = issues.findById(issueId.value()).orElse(null);
        if (issue == null || issue.getVersion() >= seq) {
            return; // the issue names no responsibility item, or this event was applied already
        }
        issue.moveTo(state, seq);
        issues.save(issue);
        recount(issue.getAgreementId(), issue.getItemId(), at);
    }

    /** A new version of the item's current row when its issue counts changed; the row's version stays. */
    private void recount(String agreementId, String itemId, Instant at) {
        ResponsibilityLedgerRow current = rows.findByAgreementIdAndItemIdAndValidToIsNull(agreementId, itemId)
                .orElse(null);
        if (current == null) {
            return; // the item is not (or no longer) in the ledger; its counts start from the notes when it is added
        }
        int open = count(current, ResponsibilityLedgerIssue.OPEN);
        int closed = count(current, ResponsibilityLedgerIssue.CLOSED);
        if (current.showsIssueCounts(open, closed)) {
            return;
        }
        ResponsibilityLedgerRow next = current.nextVersion(current.getVersion(), at);
        current.supersede(at);
        next.issueCounts(open, closed);
        rows.save(current);
        rows.save(next);
    }

    private int count(ResponsibilityLedgerRow row, String state) {
        return issues.countByAgreementIdAndItemIdAndState(row.getAgreementId(), row.getItemId(), state);
    }

    /**
     * Applies one agreement event: a new version of the agreement row, the item changes, and a new version of every
     * other item row whose copied agreement facts no longer match.
     */
    private void apply(AgreementId agreementId, long seq, Instant at,
                       Consumer<ResponsibilityLedgerAgreement> agreementChange, Consumer<ItemChanges> itemChange) {
        ResponsibilityLedgerAgreement current = agreements.findByAgreementIdAndValidToIsNull(agreementId.value())
                .orElse(null);
        if (current == null) {
            log.warn("Responsibility ledger has no agreement {}; event {} skipped", agreementId, seq);
            return;
        }
        if (current.getVersion() >= seq) {
            return;
        }
        ResponsibilityLedgerAgreement next = current.nextVersion(seq, at);
        current.supersede(at);
        agreementChange.accept(next);
        agreements.save(current);
        agreements.save(next);
        ItemChanges changes = new ItemChanges(
                rows.findByAgreementIdAndValidToIsNullOrderByAddedAtAscItemIdAsc(agreementId.value()), seq, at);
        itemChange.accept(changes);
        changes.finish(next);
    }

    /** The item rows one agreement event touches; each current row gets at most one new version per event. */
    private final class ItemChanges {

        private final Map<String, ResponsibilityLedgerRow> current = new LinkedHashMap<>();
        private final Map<String, ResponsibilityLedgerRow> next = new LinkedHashMap<>();
        private final Set<String> removed = new HashSet<>();
        private final List<ResponsibilityLedgerRow> added = new ArrayList<>();
        private final long seq;
        private final Instant at;

        ItemChanges(List<ResponsibilityLedgerRow> currentRows, long seq, Instant at) {
            currentRows.forEach(row -> current.put(row.getItemId(), row));
            this.seq = seq;
            this.at = at;
        }

        void add(ResponsibilityLedgerRow row) {
            added.add(row);
        }

        void update(String itemId, Consumer<ResponsibilityLedgerRow> change) {
            ResponsibilityLedgerRow row = nextOf(itemId);
            if (row == null) {
                log.warn("Responsibility ledger has no item {}; change at {} skipped", itemId, seq);
                return;
            }
            change.accept(row);
            row.touch(at);
        }

        void remove(String itemId) {
            removed.add(itemId);
        }

        private ResponsibilityLedgerRow nextOf(String itemId) {
            ResponsibilityLedgerRow row = current.get(itemId);
            if (row == null) {
                return null;
            }
            return next.computeIfAbsent(itemId, id -> row.nextVersion(seq, at));
        }

        void finish(ResponsibilityLedgerAgreement agreement) {
            for (ResponsibilityLedgerRow row : current.values()) {
                String itemId = row.getItemId();
                if (removed.contains(itemId)) {
                    row.supersede(at);
                    rows.save(row);
                    continue;
                }
                ResponsibilityLedgerRow changed = next.get(itemId);
                if (changed == null && row.showsAgreementFacts(agreement)) {
                    continue;
                }
                if (changed == null) {
                    changed = nextOf(itemId);
                    changed.touch(at);
                }
                changed.copyAgreementFacts(agreement);
                row.supersede(at);
                rows.save(row);
                rows.save(changed);
            }
            for (ResponsibilityLedgerRow row : added) {
                row.copyAgreementFacts(agreement);
                rows.save(row);
            }
        }
    }
}
