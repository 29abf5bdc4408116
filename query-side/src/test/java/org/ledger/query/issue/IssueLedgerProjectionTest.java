package org.ledger.query.issue;

import org.ledger.query.support.RememberedIds;
import org.ledger.query.QueryTestApplication;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ledger.kernel.issue.IssueEvents.IssueAcknowledged;
import org.ledger.kernel.issue.IssueEvents.IssueDismissed;
import org.ledger.kernel.issue.IssueEvents.IssueRegistered;
import org.ledger.kernel.issue.IssueEvents.IssueReopened;
import org.ledger.kernel.issue.IssueEvents.IssueResolved;
import org.ledger.kernel.issue.IssueEvents.RectificationItemAdded;
import org.ledger.kernel.issue.IssueEvents.RectificationOutcomeRecorded;
import org.ledger.kernel.issue.IssueEvents.RootCauseRecorded;
import org.ledger.kernel.issue.IssueId;
import org.ledger.kernel.issue.IssueSource;
import org.ledger.kernel.issue.IssueStatus;
import org.ledger.kernel.issue.ResponsibilityItemRef;
import org.ledger.kernel.issue.Severity;
import org.ledger.kernel.rectification.RectificationId;
import org.ledger.kernel.rectification.RectificationOutcome;
import org.ledger.kernel.unit.UnitId;
import org.ledger.query.unit.UnitTree;
import org.ledger.query.support.PageAnswer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.orm.jpa.DataJpaTest;
import org.springframework.boot.test.autoconfigure.orm.jpa.TestEntityManager;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.data.domain.Sort;
import org.springframework.web.server.ResponseStatusException;

@DataJpaTest
@Import({IssueLedgerProjection.class, IssueLedgerTable.class, IssueLedgerQueries.class, UnitTree.class,
        RememberedIds.class,
        QueryTestApplication.ReadEverything.class})
class IssueLedgerProjectionTest {

    static final Instant T0 = Instant.parse("2024-04-12T08:00:00Z");

    @Autowired
    IssueLedgerProjection projection;
    @Autowired
    IssueLedgerQueries queries;
    @Autowired
    IssueLedgerRepository rows;
    @Autowired
    IssueLedgerTable table;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TestEntityManager entities;

    /** The ledger's rows as JPA reads them, with what the test's transaction holds back written first. */
    IssueLedgerRepository stored() {
        table.writeHeldBack();
        return rows;
    }

    static Instant at(int minutes) {
        return T0.plusSeconds(60L * minutes);
    }

    static IssueRegistered registered(String id, String title, IssueSource source, String unit, LocalDate foundOn) {
        return new IssueRegistered(IssueId.of(id), title, "描述 of " + title, source, "2024年第一轮督查", "组织生活",
                Severity.MINOR, UnitId.of(unit), UnitId.of("community"), foundOn, null);
    }

    static RectificationItemAdded itemAdded(String issue, String item) {
        return new RectificationItemAdded(IssueId.of(issue), RectificationId.of(item));
    }

    static RectificationOutcomeRecorded outcome(String issue, String item, RectificationOutcome outcome) {
        return new RectificationOutcomeRecorded(IssueId.of(issue), RectificationId.of(item), outcome);
    }

    IssueLedgerEntry current(String id) {
        return queries.find(id, null).orElseThrow();
    }

    @Test
    void registrationCreatesARowWithTheIssueFacts() {
        projection.on(new IssueRegistered(IssueId.of("i-1"), "三会一课记录不规范", "缺少签名", IssueSource.INSPECTION,
                "督查第3批", "组织生活", Severity.MAJOR, UnitId.of("branch-02"), UnitId.of("community"),
                LocalDate.of(2024, 4, 10), new ResponsibilityItemRef("agr-1", "item-3")), 0, T0);

        IssueLedgerEntry row = current("i-1");
        assertThat(row.status()).isEqualTo(IssueStatus.REGISTERED);
        assertThat(row.version()).isZero();
        assertThat(row.title()).isEqualTo("三会一课记录不规范");
        assertThat(row.responsibleUnitId()).isEqualTo("branch-02");
        assertThat(row.responsibilityItem()).isEqualTo(new IssueLedgerEntry.ResponsibilityItemLink("agr-1", "item-3"));
        assertThat(row.registeredAt()).isEqualTo(T0);
        assertThat(row.updatedAt()).isEqualTo(T0);
        assertThat(row.itemCount()).isZero();
    }

    @Test
    void everyEventClosesThePreviousVersionAndAddsANewOne() {
        projection.on(registered("i-1", "t", IssueSource.INSPECTION, "b1", LocalDate.of(2024, 4, 1)), 0, at(0));
        projection.on(new IssueAcknowledged(IssueId.of("i-1"), "secretary", null), 1, at(5));
        projection.on(new RootCauseRecorded(IssueId.of("i-1"), 1, "学习不深"), 2, at(10));

        List<IssueLedgerRow> versions = stored().findByIssueIdOrderByValidFromAscRowIdAsc("i-1");
        assertThat(versions).extracting(IssueLedgerRow::getVersion).containsExactly(0L, 1L, 2L);
        assertThat(versions).extracting(IssueLedgerRow::getValidFrom).containsExactly(at(0), at(5), at(10));
        assertThat(versions).extracting(IssueLedgerRow::getValidTo).containsExactly(at(5), at(10), null);
        assertThat(versions).extracting(IssueLedgerRow::getStatus)
                .containsExactly(IssueStatus.REGISTERED, IssueStatus.ACKNOWLEDGED, IssueStatus.ACKNOWLEDGED);

        IssueLedgerEntry row = current("i-1");
        assertThat(row.version()).isEqualTo(2);
        assertThat(row.rootCause()).isEqualTo("学习不深");
        assertThat(row.rootCauseRevision()).isEqualTo(1);
        assertThat(row.registeredAt()).isEqualTo(at(0));
        assertThat(row.updatedAt()).isEqualTo(at(10));
    }

    @Test
    void readsAsOfAnInstantShowWhatTheLedgerSaidThen() {
        projection.on(registered("i-1", "t", IssueSource.INSPECTION, "b1", LocalDate.of(2024, 4, 1)), 0, at(0));
        projection.on(new IssueAcknowledged(IssueId.of("i-1"), "secretary", null), 1, at(5));

        assertThat(queries.find("i-1", at(-1))).isEmpty();
        assertThat(queries.find("i-1", at(0)).orElseThrow().status()).isEqualTo(IssueStatus.REGISTERED);
        assertThat(queries.find("i-1", at(4)).orElseThrow().status()).isEqualTo(IssueStatus.REGISTERED);
        assertThat(queries.find("i-1", at(5)).orElseThrow().status()).isEqualTo(IssueStatus.ACKNOWLEDGED);
        assertThat(queries.list(IssueLedgerFilter.none(), IssueLedgerQueries.PAGING.pageable(0, 20, null), at(3))
                .content()).extracting(IssueLedgerEntry::version).containsExactly(0L);
    }

    @Test
    void statusFollowsTheIssueLifecycleAndCountsSurviveAReopening() {
        projection.on(registered("i-1", "t", IssueSource.INSPECTION, "b1", LocalDate.of(2024, 4, 1)), 0, at(0));
        projection.on(new IssueAcknowledged(IssueId.of("i-1"), "secretary", null), 1, at(1));
        projection.on(itemAdded("i-1", "r-1"), 2, at(2));
        projection.on(itemAdded("i-1", "r-2"), 3, at(3));
        assertThat(current("i-1").status()).isEqualTo(IssueStatus.RECTIFYING);
        assertThat(current("i-1").itemCount()).isEqualTo(2);

        projection.on(outcome("i-1", "r-1", RectificationOutcome.CLOSED), 4, at(4));
        projection.on(outcome("i-1", "r-2", RectificationOutcome.ONGOING), 5, at(5));
        projection.on(new IssueResolved(IssueId.of("i-1")), 6, at(6));
        IssueLedgerEntry resolved = current("i-1");
        assertThat(resolved.status()).isEqualTo(IssueStatus.RESOLVED);
        assertThat(resolved.closedItemCount()).isEqualTo(1);
        assertThat(resolved.ongoingItemCount()).isEqualTo(1);

        projection.on(outcome("i-1", "r-1", RectificationOutcome.REOPENED), 7, at(7));
        projection.on(new IssueReopened(IssueId.of("i-1"), RectificationId.of("r-1"), "回头看反弹"), 8, at(8));
        IssueLedgerEntry reopened = current("i-1");
        assertThat(reopened.status()).isEqualTo(IssueStatus.RECTIFYING);
        assertThat(reopened.closedItemCount()).isZero();
        assertThat(reopened.ongoingItemCount()).isEqualTo(1);

        projection.on(outcome("i-1", "r-1", RectificationOutcome.CLOSED), 9, at(9));
        projection.on(outcome("i-1", "r-2", RectificationOutcome.CLOSED), 10, at(10));
        IssueLedgerEntry closedAgain = current("i-1");
        assertThat(closedAgain.itemCount()).isEqualTo(2);
        assertThat(closedAgain.closedItemCount()).isEqualTo(2);
        assertThat(closedAgain.ongoingItemCount()).isZero();
    }

    @Test
    void aBatchBuildsEachVersionOnTheOneItWroteBefore() {
        // One transaction (the test's), like a replay's batch: the issue's current row comes from what the batch
        // wrote. Flushed and cleared after each event, as FlushEachEvent does: the kept rows are no longer managed.
        projection.on(registered("i-1", "t", IssueSource.INSPECTION, "b1", LocalDate.of(2024, 4, 1)), 0, at(0));
        forgetEntities();
        projection.on(itemAdded("i-1", "r-1"), 1, at(1));
        forgetEntities();
        projection.on(itemAdded("i-1", "r-2"), 2, at(2));
        forgetEntities();
        projection.on(outcome("i-1", "r-1", RectificationOutcome.CLOSED), 3, at(3));
        forgetEntities();
        projection.on(outcome("i-1", "r-1", RectificationOutcome.CLOSED), 3, at(3));
        forgetEntities();
        projection.on(outcome("i-1", "r-2", RectificationOutcome.ONGOING), 4, at(4));
        forgetEntities();
        projection.on(outcome("i-1", "r-2", RectificationOutcome.CLOSED), 5, at(5));
        forgetEntities();

        assertThat(stored().findByIssueIdOrderByValidFromAscRowIdAsc("i-1")).extracting(IssueLedgerRow::getValidTo)
                .containsExactly(at(1), at(2), at(3), at(4), at(5), null);
        IssueLedgerEntry row = current("i-1");
        assertThat(row.version()).isEqualTo(5);
        assertThat(row.itemCount()).isEqualTo(2);
        assertThat(row.closedItemCount()).isEqualTo(2);
        assertThat(row.ongoingItemCount()).isZero();
        IssueLedgerEntry before = queries.find("i-1", at(4)).orElseThrow();
        assertThat(before.closedItemCount()).isEqualTo(1);
        assertThat(before.ongoingItemCount()).isEqualTo(1);
    }

    void forgetEntities() {
        entities.flush();
        entities.clear();
    }

    @Test
    void dismissalKeepsTheReason() {
        projection.on(registered("i-1", "t", IssueSource.INSPECTION, "b1", LocalDate.of(2024, 4, 1)), 0, at(0));
        projection.on(new IssueDismissed(IssueId.of("i-1"), "重复登记", "supervisor"), 1, at(1));

        assertThat(current("i-1").status()).isEqualTo(IssueStatus.DISMISSED);
        assertThat(current("i-1").dismissalReason()).isEqualTo("重复登记");
    }

    @Test
    void anEventSeenBeforeIsIgnored() {
        IssueRegistered registered = registered("i-1", "t", IssueSource.INSPECTION, "b1", LocalDate.of(2024, 4, 1));
        projection.on(registered, 0, at(0));
        projection.on(itemAdded("i-1", "r-1"), 1, at(1));
        projection.on(registered, 0, at(0));
        projection.on(itemAdded("i-1", "r-1"), 1, at(1));
        projection.on(new IssueAcknowledged(IssueId.of("i-1"), "late", null), 1, at(2));

        assertThat(stored().findByIssueIdOrderByValidFromAscRowIdAsc("i-1")).hasSize(2);
        IssueLedgerEntry row = current("i-1");
        assertThat(row.version()).isEqualTo(1);
        assertThat(row.itemCount()).isEqualTo(1);
        assertThat(row.status()).isEqualTo(IssueStatus.RECTIFYING);
    }

    @Test
    void resetForgetsTheLedgerSoThatAReplayRebuildsIt() {
        projection.on(registered("i-1", "t", IssueSource.INSPECTION, "b1", LocalDate.of(2024, 4, 1)), 0, at(0));
        projection.on(itemAdded("i-1", "r-1"), 1, at(1));

        projection.reset();
        assertThat(stored().count()).isZero();
        assertThat(queries.find("i-1", null)).isEmpty();

        projection.on(registered("i-1", "t", IssueSource.INSPECTION, "b1", LocalDate.of(2024, 4, 1)), 0, at(0));
        projection.on(itemAdded("i-1", "r-1"), 1, at(1));
        assertThat(current("i-1").itemCount()).isEqualTo(1);
        assertThat(stored().count()).isEqualTo(2);
    }

    @Test
    void listFiltersByUnitStatusSourceTextAndFoundOnRange() {
        projection.on(registered("i-1", "Meeting RECORDS incomplete", IssueSource.INSPECTION, "b1",
                LocalDate.of(2024, 3, 1)), 0, at(0));
        projection.on(registered("i-2", "党费收缴不及时", IssueSource.PATROL_FEEDBACK, "b2",
                LocalDate.of(2024, 4, 1)), 0, at(1));
        projection.on(registered("i-3", "100% of _special_ cases", IssueSource.INSPECTION, "b1",
                LocalDate.of(2024, 5, 1)), 0, at(2));
        projection.on(new IssueAcknowledged(IssueId.of("i-3"), "x", null), 1, at(3));

        assertThat(ids(filter("b1", null, null, null, null, null))).containsExactlyInAnyOrder("i-1", "i-3");
        assertThat(ids(filter(null, List.of(IssueStatus.ACKNOWLEDGED), null, null, null, null)))
                .containsExactly("i-3");
        assertThat(ids(filter(null, List.of(IssueStatus.ACKNOWLEDGED, IssueStatus.REGISTERED), null, null, null,
                null))).hasSize(3);
        assertThat(ids(filter(null, null, IssueSource.PATROL_FEEDBACK, null, null, null))).containsExactly("i-2");
        assertThat(ids(filter(null, null, null, "records", null, null))).containsExactly("i-1");
        assertThat(ids(filter(null, null, null, "党费", null, null))).containsExactly("i-2");
        assertThat(ids(filter(null, null, null, "描述 OF 党费", null, null))).containsExactly("i-2");
        assertThat(ids(filter(null, null, null, "%", null, null))).containsExactly("i-3");
        assertThat(ids(filter(null, null, null, "_special_", null, null))).containsExactly("i-3");
        assertThat(ids(filter(null, null, null, null, LocalDate.of(2024, 4, 1), LocalDate.of(2024, 5, 1))))
                .containsExactlyInAnyOrder("i-2", "i-3");
    }

    @Test
    void listPagesAndSortsByWhitelistedProperties() {
        for (int i = 1; i <= 5; i++) {
            projection.on(registered("i-" + i, "t" + i, IssueSource.INSPECTION, "b1", LocalDate.of(2024, 4, i)), 0,
                    at(i));
        }
        PageAnswer<IssueLedgerEntry> first = queries.list(IssueLedgerFilter.none(),
                IssueLedgerQueries.PAGING.pageable(0, 2, List.of("foundOn,asc")), null);
        assertThat(first.content()).extracting(IssueLedgerEntry::id).containsExactly("i-1", "i-2");
        assertThat(first.page()).isEqualTo(new PageAnswer.PageMetadata(2, 0, 5, 3));

        PageAnswer<IssueLedgerEntry> last = queries.list(IssueLedgerFilter.none(),
                IssueLedgerQueries.PAGING.pageable(2, 2, List.of("foundOn,asc")), null);
        assertThat(last.content()).extracting(IssueLedgerEntry::id).containsExactly("i-5");

        PageAnswer<IssueLedgerEntry> byDefault = queries.list(IssueLedgerFilter.none(),
                IssueLedgerQueries.PAGING.pageable(null, null, null), null);
        assertThat(byDefault.content()).extracting(IssueLedgerEntry::id)
                .containsExactly("i-5", "i-4", "i-3", "i-2", "i-1");
        assertThat(byDefault.page().size()).isEqualTo(20);

        assertThatThrownBy(() -> IssueLedgerQueries.PAGING.pageable(0, 20, List.of("rowId,asc")))
                .isInstanceOfSatisfying(ResponseStatusException.class,
                        e -> assertThat(e.getStatusCode().value()).isEqualTo(400));
        assertThatThrownBy(() -> IssueLedgerQueries.PAGING.pageable(0, 201, null))
                .isInstanceOf(ResponseStatusException.class);
    }

    private IssueLedgerFilter filter(String unit, List<IssueStatus> statuses, IssueSource source, String q,
                                     LocalDate from, LocalDate to) {
        return new IssueLedgerFilter(unit, statuses, source, null, q, from, to);
    }

    private List<String> ids(IssueLedgerFilter filter) {
        return queries.list(filter, IssueLedgerQueries.PAGING.pageable(0, 200, null), null).content().stream()
                .map(IssueLedgerEntry::id).toList();
    }

    /**
     * The projection writes its rows by plain JDBC ({@link IssueLedgerRow#bind}), pages and exports read them so
     * ({@link IssueLedgerRow#read}); what both give must be what the ledger's entities show, column by column, empty
     * columns included.
     */
    @Test
    void aRowReadByJdbcHoldsEveryColumnAsItsEntityDoes() {
        // i-1 has every column filled; i-2 leaves every optional one empty.
        projection.on(new IssueRegistered(IssueId.of("i-1"), "三会一课记录不规范", "缺少签名", IssueSource.INSPECTION,
                "督查第3批", "组织生活", Severity.MAJOR, UnitId.of("branch-02"), UnitId.of("community"),
                LocalDate.of(2024, 4, 10), new ResponsibilityItemRef("agr-1", "item-3")), 0, T0);
        projection.on(new IssueAcknowledged(IssueId.of("i-1"), "secretary", null), 1, T0.plusSeconds(1));
        projection.on(new RootCauseRecorded(IssueId.of("i-1"), 1, "学习不深入"), 2, T0.plusSeconds(2));
        projection.on(itemAdded("i-1", "r-1"), 3, T0.plusSeconds(3));
        projection.on(outcome("i-1", "r-1", RectificationOutcome.CLOSED), 4,
                T0.plusSeconds(4));
        projection.on(new IssueRegistered(IssueId.of("i-2"), "党费收缴不及时", null, IssueSource.SELF_EXAMINATION,
                null, null, null, UnitId.of("branch-01"), null, null, null), 0, T0.plusSeconds(5));
        projection.on(new IssueDismissed(IssueId.of("i-2"), "重复登记", "supervisor"), 1, T0.plusSeconds(6));

        List<IssueLedgerRow> entities = stored().findAll(Sort.by("rowId"));
        List<IssueLedgerRow> read = jdbc.query("select * from issue_ledger order by row_id",
                (row, number) -> IssueLedgerRow.read(row));
        assertThat(entities).hasSize(7);
        for (String column : Arrays.stream(IssueLedgerRow.COLUMNS.split(",")).map(String::trim).toList()) {
            assertThat(jdbc.queryForObject("select count(" + column + ") from issue_ledger", Integer.class))
                    .as(column).isPositive();
        }
        assertThat(read).usingRecursiveFieldByFieldElementComparator().isEqualTo(entities);

        List<Long> rowIds = queries.rowIds(IssueLedgerFilter.none(), Sort.by("issueId"), null);
        assertThat(queries.rows(rowIds)).containsExactly(queries.find("i-1", null).orElseThrow(),
                queries.find("i-2", null).orElseThrow());
        assertThat(queries.rows(rowIds).get(0).rootCause()).isEqualTo("学习不深入");
        assertThat(queries.rows(rowIds).get(1).severity()).isNull();
    }
}
