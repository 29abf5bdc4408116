package org.ledger.query.rectification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ledger.kernel.issue.IssueEvents.RootCauseRecorded;
import org.ledger.kernel.issue.IssueId;
import org.ledger.kernel.issue.IssueSource;
import org.ledger.kernel.rectification.EvidenceId;
import org.ledger.kernel.rectification.ExtensionRequestId;
import org.ledger.kernel.rectification.RectificationEvents.ClosureRequested;
import org.ledger.kernel.rectification.RectificationEvents.EvidenceAttached;
import org.ledger.kernel.rectification.RectificationEvents.ExtensionApproved;
import org.ledger.kernel.rectification.RectificationEvents.ExtensionRequested;
import org.ledger.kernel.rectification.RectificationEvents.ProgressReported;
import org.ledger.kernel.rectification.RectificationEvents.RectificationClosed;
import org.ledger.kernel.rectification.RectificationEvents.RectificationPlanApproved;
import org.ledger.kernel.rectification.RectificationEvents.RectificationReopened;
import org.ledger.kernel.rectification.RectificationEvents.WarningIssued;
import org.ledger.kernel.rectification.RectificationId;
import org.ledger.kernel.rectification.RectificationType;
import org.ledger.kernel.rectification.WarningLevel;
import org.ledger.query.support.RememberedIds;
import org.ledger.query.QueryTestApplication;
import org.ledger.query.unit.UnitTree;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.orm.jpa.DataJpaTest;
import org.springframework.context.annotation.Import;
import org.springframework.data.domain.Sort;
import org.springframework.web.server.ResponseStatusException;

/**
 * How the rectification ledger is read by row id (LedgerRows): a page reads the ids of its rows, then those rows, and
 * counts every match; an export reads the ids of every matching row in order first, then the rows by id, chunk by
 * chunk. What the ids named is what the file shows, even when the ledger changes between the chunks.
 */
@DataJpaTest
@Import({RectificationLedgerProjection.class, RectificationLedgerTable.class, RectificationLedgerQueries.class,
        UnitTree.class, RememberedIds.class,
        QueryTestApplication.FixedClock.class, QueryTestApplication.ReadEverything.class})
class RectificationLedgerReadByIdTest {

    static final Instant T0 = Instant.parse("2024-04-12T08:00:00Z");
    static final Sort BY_DEADLINE = RectificationLedgerQueries.PAGING.pageable(0, 1, List.of("effectiveDeadline"))
            .getSort();

    @Autowired
    RectificationLedgerProjection projection;
    @Autowired
    RectificationLedgerQueries queries;

    void planned(String id, int day, int second) {
        projection.on(RectificationLedgerProjectionTest.planned(id, "i-1", "措施" + id, "b1",
                RectificationType.WITHIN_DEADLINE, LocalDate.of(2024, 6, day)), 0, T0.plusSeconds(second));
    }

    List<String> ids(List<RectificationLedgerEntry> entries) {
        return entries.stream().map(RectificationLedgerEntry::id).toList();
    }

    @Test
    void rowIdsFollowTheFilterAndTheSortAndRowsComeBackInThatOrder() {
        projection.on(RectificationLedgerProjectionTest.issue("i-1", "记录不规范", IssueSource.INSPECTION), 0, T0);
        planned("r-1", 20, 1);
        planned("r-2", 10, 2);
        planned("r-3", 15, 3);

        List<Long> rowIds = queries.rowIds(RectificationLedgerProjectionTest.filter().build(), BY_DEADLINE, null);

        assertThat(rowIds).hasSize(3);
        assertThat(ids(queries.rows(rowIds, null))).containsExactly("r-2", "r-3", "r-1");
        assertThat(ids(queries.rows(rowIds.subList(1, 3), null))).containsExactly("r-3", "r-1");
        List<Long> none = queries.rowIds(RectificationLedgerProjectionTest.filter().q("不存在").build(), BY_DEADLINE,
                null);
        assertThat(none).isEmpty();
        assertThat(queries.rows(none, null)).isEmpty();
    }

    @Test
    void aPageHoldsTheIdsOfItsRowsInOrderAndCountsEveryMatch() {
        projection.on(RectificationLedgerProjectionTest.issue("i-1", "记录不规范", IssueSource.INSPECTION), 0, T0);
        planned("r-1", 20, 1);
        planned("r-2", 10, 2);
        planned("r-3", 15, 3);
        planned("r-4", 25, 4);
        planned("r-5", 5, 5);
        RectificationLedgerFilter all = RectificationLedgerProjectionTest.filter().build();

        var first = queries.list(all, RectificationLedgerQueries.PAGING.pageable(0, 2, List.of("effectiveDeadline")),
                null);
        var last = queries.list(all, RectificationLedgerQueries.PAGING.pageable(2, 2, List.of("effectiveDeadline")),
                null);

        assertThat(ids(first.content())).containsExactly("r-5", "r-2");
        assertThat(first.page().totalElements()).isEqualTo(5);
        assertThat(first.page().totalPages()).isEqualTo(3);
        assertThat(ids(last.content())).containsExactly("r-4");
        assertThat(last.page().totalElements()).isEqualTo(5);
    }

    @Test
    void changesAfterTheIdsWereReadNeitherRepeatNorShiftRows() {
        projection.on(RectificationLedgerProjectionTest.issue("i-1", "记录不规范", IssueSource.INSPECTION), 0, T0);
        planned("r-1", 20, 1);
        planned("r-2", 10, 2);
        List<Long> rowIds = queries.rowIds(RectificationLedgerProjectionTest.filter().build(), BY_DEADLINE, null);

        // while the export writes its first chunk: a new item sorts first, r-1 reports progress (a new version)
        planned("r-0", 1, 10);
        projection.on(new ProgressReported(RectificationId.of("r-1"), 60, "过半", List.of(),
                LocalDate.of(2024, 6, 1)), 1, T0.plusSeconds(11));

        List<RectificationLedgerEntry> snapshot = queries.rows(rowIds, null);
        assertThat(ids(snapshot)).containsExactly("r-2", "r-1");
        assertThat(snapshot.get(1).progressPercent()).isZero();
        assertThat(ids(queries.rows(queries.rowIds(RectificationLedgerProjectionTest.filter().build(), BY_DEADLINE,
                null), null))).containsExactly("r-0", "r-2", "r-1");
    }

    @Test
    void anExportRowReadsEveryColumnAsTheLedgerShowsIt() {
        RectificationId r1 = RectificationId.of("r-1");
        projection.on(RectificationLedgerProjectionTest.issue("i-1", "记录不规范", IssueSource.INSPECTION), 0, T0);
        projection.on(new RootCauseRecorded(IssueId.of("i-1"), 1, "学习不深入"), 1, T0.plusSeconds(1));
        planned("r-1", 20, 2);
        projection.on(new RectificationPlanApproved(r1, "同意", "supervisor"), 1, T0.plusSeconds(3));
        projection.on(new EvidenceAttached(r1, EvidenceId.of("ev-1"), "记录.pdf", "application/pdf", 10, "ab"), 2,
                T0.plusSeconds(4));
        projection.on(new ProgressReported(r1, 60, "过半", List.of(EvidenceId.of("ev-1")), LocalDate.of(2024, 5, 2)),
                3, T0.plusSeconds(5));
        projection.on(new ExtensionRequested(r1, ExtensionRequestId.of("x-1"), "人手不足", LocalDate.of(2024, 7, 20),
                "lead", LocalDate.of(2024, 5, 3)), 4, T0.plusSeconds(6));
        projection.on(new ExtensionApproved(r1, ExtensionRequestId.of("x-1"), LocalDate.of(2024, 7, 20),
                LocalDate.of(2024, 6, 20), "同意", "supervisor"), 5, T0.plusSeconds(7));
        projection.on(new ClosureRequested(r1, "已完成", List.of(EvidenceId.of("ev-1")), "lead",
                LocalDate.of(2024, 5, 10)), 6, T0.plusSeconds(9));
        projection.on(new RectificationClosed(r1, IssueId.of("i-1"), "同意销号", "supervisor",
                LocalDate.of(2024, 5, 12)), 7, T0.plusSeconds(10));
        projection.on(new RectificationReopened(r1, IssueId.of("i-1"), "反弹", LocalDate.of(2024, 9, 30), "lb-1",
                "supervisor", LocalDate.of(2024, 6, 1)), 8, T0.plusSeconds(11));
        projection.on(new WarningIssued(r1, WarningLevel.YELLOW, LocalDate.of(2024, 9, 30), 10), 9,
                T0.plusSeconds(12));
        projection.on(new ExtensionRequested(r1, ExtensionRequestId.of("x-2"), "再延", LocalDate.of(2024, 10, 30),
                "lead", LocalDate.of(2024, 9, 1)), 10, T0.plusSeconds(13));
        projection.on(new ClosureRequested(r1, "再次完成", List.of(EvidenceId.of("ev-1")), "lead",
                LocalDate.of(2024, 9, 2)), 11, T0.plusSeconds(14));

        RectificationLedgerEntry shown = queries.find("r-1", null).orElseThrow();
        List<RectificationLedgerEntry> exported = queries.rows(
                queries.rowIds(RectificationLedgerProjectionTest.filter().build(), BY_DEADLINE, null), null);

        assertThat(exported).containsExactly(shown);
        assertThat(shown.rootCause()).isEqualTo("学习不深入");
        assertThat(shown.issueDescription()).isEqualTo("描述：记录不规范");
        assertThat(shown.evidenceCount()).isEqualTo(1);
        assertThat(shown.lastProgressOn()).isEqualTo(LocalDate.of(2024, 5, 2));
        assertThat(shown.extensionCount()).isEqualTo(1);
        assertThat(shown.originalDeadline()).isEqualTo(LocalDate.of(2024, 6, 20));
        assertThat(shown.pendingExtensionRequestId()).isEqualTo("x-2");
        assertThat(shown.proposedDeadline()).isEqualTo(LocalDate.of(2024, 10, 30));
        assertThat(shown.reopenCount()).isEqualTo(1);
        assertThat(shown.warningLevel()).isEqualTo(WarningLevel.YELLOW);
        assertThat(shown.closureRequestedBy()).isEqualTo("lead");
        assertThat(shown.closureRequestedOn()).isEqualTo(LocalDate.of(2024, 9, 2));

        // and as of the instant it was closed, before the reopening: that version's columns
        Instant closed = T0.plusSeconds(10);
        RectificationLedgerEntry then = queries.find("r-1", closed).orElseThrow();
        assertThat(queries.rows(queries.rowIds(RectificationLedgerProjectionTest.filter().build(), BY_DEADLINE,
                closed), closed)).containsExactly(then);
        assertThat(then.closedOn()).isEqualTo(LocalDate.of(2024, 5, 12));
        assertThat(then.verifiedBy()).isEqualTo("supervisor");
        assertThat(then.effectiveDeadline()).isEqualTo(LocalDate.of(2024, 7, 20));
    }

    @Test
    void aRowThatVanishedMeanwhileBreaksTheExportOffInsteadOfLeavingItOut() {
        projection.on(RectificationLedgerProjectionTest.issue("i-1", "记录不规范", IssueSource.INSPECTION), 0, T0);
        planned("r-1", 20, 1);
        List<Long> rowIds = queries.rowIds(RectificationLedgerProjectionTest.filter().build(), BY_DEADLINE, null);

        projection.reset(); // a rebuild began

        assertThatThrownBy(() -> queries.rows(rowIds, null))
                .isInstanceOfSatisfying(ResponseStatusException.class,
                        e -> assertThat(e.getStatusCode().value()).isEqualTo(503))
                .hasMessageContaining("being rebuilt");
    }
}
