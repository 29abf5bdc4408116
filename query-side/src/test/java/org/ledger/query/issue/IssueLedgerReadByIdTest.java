package org.ledger.query.issue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ledger.kernel.issue.IssueEvents.IssueAcknowledged;
import org.ledger.kernel.issue.IssueEvents.IssueDismissed;
import org.ledger.kernel.issue.IssueEvents.IssueRegistered;
import org.ledger.kernel.issue.IssueEvents.RootCauseRecorded;
import org.ledger.kernel.issue.IssueId;
import org.ledger.kernel.issue.IssueSource;
import org.ledger.kernel.issue.ResponsibilityItemRef;
import org.ledger.kernel.issue.Severity;
import org.ledger.kernel.rectification.RectificationOutcome;
import org.ledger.kernel.unit.UnitId;
import org.ledger.query.QueryTestApplication;
import org.ledger.query.support.RememberedIds;
import org.ledger.query.unit.UnitTree;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.orm.jpa.DataJpaTest;
import org.springframework.context.annotation.Import;
import org.springframework.data.domain.Sort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The issue ledger's pages and exports read their rows by plain JDBC ({@link IssueLedgerRow#read}); what they show
 * must be what the ledger's entities show, column by column, empty columns included.
 */
@DataJpaTest
@Import({IssueLedgerProjection.class, IssueLedgerQueries.class, UnitTree.class, RememberedIds.class,
        QueryTestApplication.ReadEverything.class})
class IssueLedgerReadByIdTest {

    static final Instant T0 = Instant.parse("2024-04-12T08:00:00Z");

    @Autowired
    IssueLedgerProjection projection;
    @Autowired
    IssueLedgerQueries queries;
    @Autowired
    IssueLedgerRepository rows;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aRowReadByJdbcHoldsEveryColumnAsItsEntityDoes() {
        // i-1 has every column filled; i-2 leaves every optional one empty.
        projection.on(new IssueRegistered(IssueId.of("i-1"), "三会一课记录不规范", "缺少签名", IssueSource.INSPECTION,
                "督查第3批", "组织生活", Severity.MAJOR, UnitId.of("branch-02"), UnitId.of("community"),
                LocalDate.of(2024, 4, 10), new ResponsibilityItemRef("agr-1", "item-3")), 0, T0);
        projection.on(new IssueAcknowledged(IssueId.of("i-1"), "secretary", null), 1, T0.plusSeconds(1));
        projection.on(new RootCauseRecorded(IssueId.of("i-1"), 1, "学习不深入"), 2, T0.plusSeconds(2));
        projection.on(IssueLedgerProjectionTest.itemAdded("i-1", "r-1"), 3, T0.plusSeconds(3));
        projection.on(IssueLedgerProjectionTest.outcome("i-1", "r-1", RectificationOutcome.CLOSED), 4,
                T0.plusSeconds(4));
        projection.on(new IssueRegistered(IssueId.of("i-2"), "党费收缴不及时", null, IssueSource.SELF_EXAMINATION,
                null, null, null, UnitId.of("branch-01"), null, null, null), 0, T0.plusSeconds(5));
        projection.on(new IssueDismissed(IssueId.of("i-2"), "重复登记", "supervisor"), 1, T0.plusSeconds(6));

        List<IssueLedgerRow> entities = rows.findAll(Sort.by("rowId"));
        List<IssueLedgerRow> read = jdbc.query("select * from issue_ledger order by row_id",
                (row, number) -> IssueLedgerRow.read(row));
        assertThat(entities).hasSize(7);
        assertThat(read).usingRecursiveFieldByFieldElementComparator().isEqualTo(entities);

        List<Long> rowIds = queries.rowIds(IssueLedgerFilter.none(), Sort.by("issueId"), null);
        assertThat(queries.rows(rowIds)).containsExactly(queries.find("i-1", null).orElseThrow(),
                queries.find("i-2", null).orElseThrow());
        assertThat(queries.rows(rowIds).get(0).rootCause()).isEqualTo("学习不深入");
        assertThat(queries.rows(rowIds).get(1).severity()).isNull();
    }
}
