package org.ledger.query.rectification;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ledger.kernel.issue.IssueEvents.IssueRegistered;
import org.ledger.kernel.issue.IssueEvents.RootCauseRecorded;
import org.ledger.kernel.issue.IssueId;
import org.ledger.kernel.issue.IssueSource;
import org.ledger.kernel.issue.Severity;
import org.ledger.kernel.rectification.EvidenceId;
import org.ledger.kernel.rectification.ExtensionRequestId;
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
import org.ledger.kernel.rectification.RectificationId;
import org.ledger.kernel.rectification.RectificationStatus;
import org.ledger.kernel.rectification.RectificationType;
import org.ledger.kernel.unit.UnitId;
import org.ledger.query.support.RememberedIds;
import org.ledger.query.unit.UnitTree;
import org.ledger.query.QueryTestApplication;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.orm.jpa.DataJpaTest;
import org.springframework.boot.test.autoconfigure.orm.jpa.TestEntityManager;
import org.springframework.context.annotation.Import;

@DataJpaTest
@Import({RectificationLedgerProjection.class, RectificationLedgerTable.class, RectificationLedgerQueries.class,
        UnitTree.class, RememberedIds.class,
        QueryTestApplication.FixedClock.class, QueryTestApplication.ReadEverything.class})
class RectificationLedgerProjectionTest {

    static final Instant T0 = Instant.parse("2024-04-12T08:00:00Z");
    static final RectificationId R1 = RectificationId.of("r-1");

    @Autowired
    RectificationLedgerProjection projection;
    @Autowired
    RectificationLedgerQueries queries;
    @Autowired
    RectificationLedgerRepository rows;
    @Autowired
    TestEntityManager entities;
    @Autowired
    RectificationLedgerTable table;

    /** Every version of an item's row, oldest first, with what the test's transaction holds back written first. */
    List<RectificationLedgerRow> versions(String rectificationId) {
        table.writeHeldBack();
        return rows.findByRectificationIdOrderByValidFromAscRowIdAsc(rectificationId);
    }

    static Instant at(int minutes) {
        return T0.plusSeconds(60L * minutes);
    }

    static IssueRegistered issue(String id, String title, IssueSource source) {
        return new IssueRegistered(IssueId.of(id), title, "描述：" + title, source, null, null, Severity.MINOR,
                UnitId.of("branch-02"), UnitId.of("community"), LocalDate.of(2024, 4, 1), null);
    }

    static RectificationPlanned planned(String id, String issue, String measure, String owner,
                                        RectificationType type, LocalDate deadline) {
        return new RectificationPlanned(RectificationId.of(id), IssueId.of(issue), measure, type, UnitId.of(owner),
                "王敏", "李强", deadline, "规范记录", "secretary", LocalDate.of(2024, 4, 12));
    }

    void forgetEntities() {
        entities.flush();
        entities.clear();
    }

    RectificationLedgerEntry current(String id) {
        return queries.find(id, null).orElseThrow();
    }

    @Test
    void plannedRowCarriesTheIssueFacts() {
        projection.on(issue("i-1", "三会一课记录不规范", IssueSource.INSPECTION), 0, at(0));
        projection.on(planned("r-1", "i-1", "补齐签名", "branch-02", RectificationType.WITHIN_DEADLINE,
                LocalDate.of(2024, 6, 30)), 0, at(1));

        RectificationLedgerEntry row = current("r-1");
        assertThat(row.status()).isEqualTo(RectificationStatus.PLANNED);
        assertThat(row.version()).isZero();
        assertThat(row.issueTitle()).isEqualTo("三会一课记录不规范");
        assertThat(row.issueDescription()).isEqualTo("描述：三会一课记录不规范");
        assertThat(row.issueSource()).isEqualTo(IssueSource.INSPECTION);
        assertThat(row.issueResponsibleUnitId()).isEqualTo("branch-02");
        assertThat(row.originalDeadline()).isEqualTo(LocalDate.of(2024, 6, 30));
        assertThat(row.effectiveDeadline()).isEqualTo(LocalDate.of(2024, 6, 30));
        assertThat(row.plannedAt()).isEqualTo(at(1));
        assertThat(row.daysLeft()).isEqualTo(15);
        assertThat(row.overdue()).isFalse();
    }

    @Test
    void aNewRootCauseMakesANewVersionOfTheItemRowsWithoutChangingTheirVersion() {
        projection.on(issue("i-1", "t", IssueSource.INSPECTION), 0, at(0));
        projection.on(planned("r-1", "i-1", "m", "b", RectificationType.IMMEDIATE, LocalDate.of(2024, 6, 30)), 0,
                at(1));
        projection.on(new RootCauseRecorded(IssueId.of("i-1"), 1, "学习不深"), 3, at(2));
        projection.on(new RootCauseRecorded(IssueId.of("i-1"), 1, "学习不深"), 3, at(2));

        RectificationLedgerEntry row = current("r-1");
        assertThat(row.rootCause()).isEqualTo("学习不深");
        assertThat(row.version()).isZero();
        assertThat(row.updatedAt()).isEqualTo(at(1));
        List<RectificationLedgerRow> versions = versions("r-1");
        assertThat(versions).extracting(RectificationLedgerRow::getValidTo).containsExactly(at(2), null);
        assertThat(queries.find("r-1", at(1)).orElseThrow().rootCause()).isNull();
    }

    @Test
    void anItemEventAfterTheIssueFactsChangedBuildsOnTheVersionThatShowsThem() {
        // One transaction (the test's), like a replay's batch: the item's current row comes from what the batch wrote.
        // Flushed and cleared after each event, as FlushEachEvent does: the kept rows are no longer managed.
        projection.on(issue("i-1", "t", IssueSource.INSPECTION), 0, at(0));
        forgetEntities();
        projection.on(planned("r-1", "i-1", "m", "b", RectificationType.IMMEDIATE, LocalDate.of(2024, 6, 30)), 0,
                at(1));
        forgetEntities();
        projection.on(new RootCauseRecorded(IssueId.of("i-1"), 1, "学习不深"), 3, at(2));
        forgetEntities();
        projection.on(new ProgressReported(R1, 50, "过半", List.of(), LocalDate.of(2024, 5, 1)), 1, at(3));
        forgetEntities();
        projection.on(new ProgressReported(R1, 50, "过半", List.of(), LocalDate.of(2024, 5, 1)), 1, at(3));
        forgetEntities();

        assertThat(versions("r-1"))
                .extracting(RectificationLedgerRow::getValidTo).containsExactly(at(2), at(3), null);
        RectificationLedgerEntry row = current("r-1");
        assertThat(row.version()).isEqualTo(1);
        assertThat(row.rootCause()).isEqualTo("学习不深");
        assertThat(row.progressPercent()).isEqualTo(50);
        assertThat(queries.find("r-1", at(2)).orElseThrow().progressPercent()).isZero();
    }

    @Test
    void issueFactsArrivingAfterTheItemAreStillCopied() {
        projection.on(planned("r-1", "i-1", "m", "b", RectificationType.IMMEDIATE, LocalDate.of(2024, 6, 30)), 0,
                at(1));
        assertThat(current("r-1").issueTitle()).isNull();

        projection.on(issue("i-1", "late title", IssueSource.LOOK_BACK), 0, at(0));
        assertThat(current("r-1").issueTitle()).isEqualTo("late title");
        assertThat(current("r-1").issueSource()).isEqualTo(IssueSource.LOOK_BACK);
    }

    @Test
    void statusFollowsTheItemLifecycleAndExtensionsMoveOnlyTheEffectiveDeadline() {
        LocalDate deadline = LocalDate.of(2024, 6, 30);
        projection.on(issue("i-1", "t", IssueSource.INSPECTION), 0, at(0));
        projection.on(planned("r-1", "i-1", "m", "b", RectificationType.WITHIN_DEADLINE, deadline), 0, at(1));
        projection.on(new RectificationPlanReturned(R1, "不具体", "sup"), 1, at(2));
        assertThat(current("r-1").status()).isEqualTo(RectificationStatus.PLAN_RETURNED);

        projection.on(new RectificationPlanRevised(R1, "更具体的措施", RectificationType.WITHIN_DEADLINE,
                UnitId.of("b"), "王敏", "李强", LocalDate.of(2024, 6, 20), "t"), 2, at(3));
        assertThat(current("r-1").status()).isEqualTo(RectificationStatus.PLANNED);
        assertThat(current("r-1").measure()).isEqualTo("更具体的措施");

        projection.on(new RectificationPlanApproved(R1, null, "sup"), 3, at(4));
        assertThat(current("r-1").status()).isEqualTo(RectificationStatus.IN_PROGRESS);

        projection.on(new ProgressReported(R1, 60, "已完成学习", List.of(), LocalDate.of(2024, 5, 1)), 4, at(5));
        projection.on(new EvidenceAttached(R1, EvidenceId.of("e-1"), "记录.pdf", "application/pdf", 10, "ab"), 5,
                at(6));
        projection.on(new ExtensionRequested(R1, ExtensionRequestId.of("x-1"), "人员外出", LocalDate.of(2024, 7, 31),
                "sec", LocalDate.of(2024, 6, 1)), 6, at(7));
        RectificationLedgerEntry requested = current("r-1");
        assertThat(requested.pendingExtensionRequestId()).isEqualTo("x-1");
        assertThat(requested.proposedDeadline()).isEqualTo(LocalDate.of(2024, 7, 31));
        assertThat(requested.progressPercent()).isEqualTo(60);
        assertThat(requested.lastProgressNote()).isEqualTo("已完成学习");
        assertThat(requested.lastProgressOn()).isEqualTo(LocalDate.of(2024, 5, 1));
        assertThat(requested.evidenceCount()).isEqualTo(1);

        projection.on(new ExtensionApproved(R1, ExtensionRequestId.of("x-1"), LocalDate.of(2024, 7, 31),
                LocalDate.of(2024, 6, 20), null, "sup"), 7, at(8));
        RectificationLedgerEntry extended = current("r-1");
        assertThat(extended.originalDeadline()).isEqualTo(LocalDate.of(2024, 6, 20));
        assertThat(extended.effectiveDeadline()).isEqualTo(LocalDate.of(2024, 7, 31));
        assertThat(extended.extensionCount()).isEqualTo(1);
        assertThat(extended.pendingExtensionRequestId()).isNull();

        projection.on(new ExtensionRequested(R1, ExtensionRequestId.of("x-2"), "again", LocalDate.of(2024, 8, 31),
                "sec", LocalDate.of(2024, 7, 1)), 8, at(9));
        projection.on(new ExtensionRejected(R1, ExtensionRequestId.of("x-2"), "no", "sup"), 9, at(10));
        assertThat(current("r-1").pendingExtensionRequestId()).isNull();
        assertThat(current("r-1").effectiveDeadline()).isEqualTo(LocalDate.of(2024, 7, 31));

        projection.on(new ClosureRequested(R1, "done", List.of(EvidenceId.of("e-1")), "sec",
                LocalDate.of(2024, 7, 10)), 10, at(11));
        assertThat(current("r-1").status()).isEqualTo(RectificationStatus.CLOSURE_REQUESTED);
        assertThat(current("r-1").closureRequestedOn()).isEqualTo(LocalDate.of(2024, 7, 10));
        projection.on(new ClosureReturned(R1, "证据不足", "sup", RectificationStatus.IN_PROGRESS), 11, at(12));
        assertThat(current("r-1").status()).isEqualTo(RectificationStatus.IN_PROGRESS);

        projection.on(new ClosureRequested(R1, "done", List.of(), "sec", LocalDate.of(2024, 7, 12)), 12, at(13));
        projection.on(new RectificationClosed(R1, IssueId.of("i-1"), "ok", "sup", LocalDate.of(2024, 7, 15)), 13,
                at(14));
        RectificationLedgerEntry closed = current("r-1");
        assertThat(closed.status()).isEqualTo(RectificationStatus.CLOSED);
        assertThat(closed.closedOn()).isEqualTo(LocalDate.of(2024, 7, 15));
        assertThat(closed.verifiedBy()).isEqualTo("sup");
        assertThat(closed.daysLeft()).isNull();
        assertThat(closed.overdue()).isFalse();

        projection.on(new RectificationReopened(R1, IssueId.of("i-1"), "反弹", LocalDate.of(2024, 9, 30), "lb-1",
                "sup", LocalDate.of(2024, 8, 1)), 14, at(15));
        RectificationLedgerEntry reopened = current("r-1");
        assertThat(reopened.status()).isEqualTo(RectificationStatus.IN_PROGRESS);
        assertThat(reopened.effectiveDeadline()).isEqualTo(LocalDate.of(2024, 9, 30));
        assertThat(reopened.originalDeadline()).isEqualTo(LocalDate.of(2024, 6, 20));
        assertThat(reopened.closedOn()).isNull();
        assertThat(reopened.reopenCount()).isEqualTo(1);
        assertThat(reopened.version()).isEqualTo(14);
        assertThat(reopened.updatedAt()).isEqualTo(at(15));

        assertThat(queries.find("r-1", at(14)).orElseThrow().status()).isEqualTo(RectificationStatus.CLOSED);
        assertThat(versions("r-1")).hasSize(15);
    }

    @Test
    void longTermItemsVerifiedAsOngoingAreNotOverdue() {
        projection.on(issue("i-1", "t", IssueSource.INSPECTION), 0, at(0));
        projection.on(planned("r-1", "i-1", "m", "b", RectificationType.LONG_TERM, LocalDate.of(2024, 5, 1)), 0,
                at(1));
        projection.on(new RectificationPlanApproved(R1, null, "sup"), 1, at(2));
        assertThat(current("r-1").overdue()).isTrue();
        assertThat(current("r-1").daysLeft()).isEqualTo(-45);

        projection.on(new ClosureRequested(R1, "s", List.of(), "sec", LocalDate.of(2024, 4, 30)), 2, at(3));
        projection.on(new RectificationDeclaredOngoing(R1, IssueId.of("i-1"), "ok", "sup",
                LocalDate.of(2024, 5, 2)), 3, at(4));
        assertThat(current("r-1").status()).isEqualTo(RectificationStatus.ONGOING);
        assertThat(current("r-1").overdue()).isFalse();
        assertThat(current("r-1").daysLeft()).isNull();
    }

    @Test
    void anEventSeenBeforeIsIgnored() {
        projection.on(issue("i-1", "t", IssueSource.INSPECTION), 0, at(0));
        RectificationPlanned planned = planned("r-1", "i-1", "m", "b", RectificationType.IMMEDIATE,
                LocalDate.of(2024, 6, 30));
        projection.on(planned, 0, at(1));
        projection.on(new EvidenceAttached(R1, EvidenceId.of("e-1"), "a", "text/plain", 1, "ab"), 1, at(2));
        projection.on(planned, 0, at(1));
        projection.on(new EvidenceAttached(R1, EvidenceId.of("e-1"), "a", "text/plain", 1, "ab"), 1, at(2));
        projection.on(issue("i-1", "t", IssueSource.INSPECTION), 0, at(0));

        assertThat(current("r-1").evidenceCount()).isEqualTo(1);
        assertThat(versions("r-1")).hasSize(2);
    }

    @Test
    void resetForgetsTheLedger() {
        projection.on(issue("i-1", "t", IssueSource.INSPECTION), 0, at(0));
        projection.on(planned("r-1", "i-1", "m", "b", RectificationType.IMMEDIATE, LocalDate.of(2024, 6, 30)), 0,
                at(1));
        projection.reset();
        assertThat(rows.count()).isZero();

        projection.on(issue("i-1", "t", IssueSource.INSPECTION), 0, at(0));
        projection.on(planned("r-1", "i-1", "m", "b", RectificationType.IMMEDIATE, LocalDate.of(2024, 6, 30)), 0,
                at(1));
        assertThat(current("r-1").issueTitle()).isEqualTo("t");
    }

    @Test
    void listFiltersByOwnerIssueSourceTypeDeadlineTextAndOverdue() {
        projection.on(issue("i-1", "三会一课记录不规范", IssueSource.INSPECTION), 0, at(0));
        projection.on(issue("i-2", "Party dues late", IssueSource.PATROL_FEEDBACK), 0, at(0));
        projection.on(planned("r-1", "i-1", "补齐签名", "b1", RectificationType.IMMEDIATE, LocalDate.of(2024, 6, 1)),
                0, at(1));
        projection.on(planned("r-2", "i-1", "专题学习", "b2", RectificationType.WITHIN_DEADLINE,
                LocalDate.of(2024, 6, 15)), 0, at(1));
        projection.on(planned("r-3", "i-2", "Collect dues monthly", "b1", RectificationType.LONG_TERM,
                LocalDate.of(2024, 7, 1)), 0, at(1));
        projection.on(planned("r-4", "i-2", "Close it", "b2", RectificationType.IMMEDIATE,
                LocalDate.of(2024, 5, 1)), 0, at(1));
        projection.on(new RectificationClosed(RectificationId.of("r-4"), IssueId.of("i-2"), "ok", "sup",
                LocalDate.of(2024, 4, 30)), 1, at(2));

        assertThat(ids(filter().unit("b1"))).containsExactly("r-1", "r-3");
        assertThat(ids(filter().issue("i-2"))).containsExactly("r-4", "r-3");
        assertThat(ids(filter().source(IssueSource.PATROL_FEEDBACK))).containsExactly("r-4", "r-3");
        assertThat(ids(filter().type(RectificationType.IMMEDIATE))).containsExactly("r-4", "r-1");
        assertThat(ids(filter().statuses(List.of(RectificationStatus.CLOSED)))).containsExactly("r-4");
        assertThat(ids(filter().deadlines(LocalDate.of(2024, 6, 1), LocalDate.of(2024, 6, 15))))
                .containsExactly("r-1", "r-2");
        assertThat(ids(filter().q("dues"))).containsExactly("r-4", "r-3");
        assertThat(ids(filter().q("签名"))).containsExactly("r-1");
        // today is 2024-06-15: r-1 is late; r-2 is due today; r-4 is closed
        assertThat(ids(filter().overdue(true))).containsExactly("r-1");
        assertThat(ids(filter().overdue(false))).containsExactly("r-4", "r-2", "r-3");
        assertThat(queries.list(filter().build(), RectificationLedgerQueries.PAGING.pageable(0, 20, null), null)
                .content()).extracting(RectificationLedgerEntry::daysLeft).containsExactly(null, -14L, 0L, 16L);
    }

    private List<String> ids(FilterBuilder filter) {
        return queries.list(filter.build(), RectificationLedgerQueries.PAGING.pageable(0, 200, null), null)
                .content().stream().map(RectificationLedgerEntry::id).toList();
    }

    static FilterBuilder filter() {
        return new FilterBuilder();
    }

    static final class FilterBuilder {
        String unitId;
        String issueId;
        List<RectificationStatus> statuses;
        IssueSource source;
        RectificationType type;
        LocalDate from;
        LocalDate to;
        String q;
        Boolean overdue;

        FilterBuilder unit(String v) {
            unitId = v;
            return this;
        }

        FilterBuilder issue(String v) {
            issueId = v;
            return this;
        }

        FilterBuilder statuses(List<RectificationStatus> v) {
            statuses = v;
            return this;
        }

        FilterBuilder source(IssueSource v) {
            source = v;
            return this;
        }

        FilterBuilder type(RectificationType v) {
            type = v;
            return this;
        }

        FilterBuilder deadlines(LocalDate f, LocalDate t) {
            from = f;
            to = t;
            return this;
        }

        FilterBuilder q(String v) {
            q = v;
            return this;
        }

        FilterBuilder overdue(boolean v) {
            overdue = v;
            return this;
        }

        RectificationLedgerFilter build() {
            return new RectificationLedgerFilter(unitId, issueId, statuses, source, type, from, to, q, overdue);
        }
    }
}
