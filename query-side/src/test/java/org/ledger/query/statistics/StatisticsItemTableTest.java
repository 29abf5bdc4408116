package org.ledger.query.statistics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ledger.kernel.issue.IssueSource;
import org.ledger.kernel.rectification.RectificationType;
import org.ledger.query.support.RememberedIds;
import org.ledger.query.unit.UnitTree;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.orm.jpa.DataJpaTest;
import org.springframework.boot.test.autoconfigure.orm.jpa.TestEntityManager;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The statistics' item facts as their projection writes and reads them by plain JDBC (StatisticsItemTable): every
 * column as JPA reads it back, and the current facts read as written. How versions are held back is
 * RectificationLedgerTableTest's, over the same {@code HeldBackVersions}.
 */
@DataJpaTest
@Import({StatisticsItemTable.class, UnitTree.class, RememberedIds.class})
class StatisticsItemTableTest {

    static final Instant T0 = Instant.parse("2024-04-12T08:00:00.123456Z");

    @Autowired
    StatisticsItemTable table;
    @Autowired
    TestEntityManager entities;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void everyColumnIsWrittenAndReadAsJpaReadsIt() {
        StatisticsIssueFact issue = new StatisticsIssueFact("i-1", IssueSource.INSPECTION, "branch-02",
                LocalDate.of(2024, 4, 1), 0, T0);
        StatisticsItemFact planned = new StatisticsItemFact("r-1", "i-1", RectificationType.WITHIN_DEADLINE, "b1",
                LocalDate.of(2024, 4, 12), LocalDate.of(2024, 6, 20), 0, T0);
        planned.copyIssueFacts(issue);
        StatisticsItemFact closed = planned.nextVersion(1, T0.plusSeconds(1));
        closed.extendTo(LocalDate.of(2024, 7, 20));
        closed.close(LocalDate.of(2024, 5, 12));
        StatisticsItemFact reopened = closed.nextVersion(2, T0.plusSeconds(2));
        reopened.reopen(LocalDate.of(2024, 9, 30));
        issue.dismiss();
        reopened.copyIssueFacts(issue);
        table.add(planned);
        table.supersede(planned, T0.plusSeconds(1));
        table.add(closed);
        table.supersede(closed, T0.plusSeconds(2));
        table.add(reopened);
        table.writeHeldBack();
        entities.clear();

        for (StatisticsItemFact version : List.of(planned, closed, reopened)) {
            assertThat(entities.find(StatisticsItemFact.class, version.getRowId()))
                    .usingRecursiveComparison().isEqualTo(version);
        }
        assertThat(table.current("r-1")).get().usingRecursiveComparison().isEqualTo(reopened);
        assertThat(table.currentOfIssue("i-1")).singleElement().usingRecursiveComparison().isEqualTo(reopened);
        assertThat(reopened.isDismissed()).isTrue();
        assertThat(closed.getDaysToClose()).isEqualTo(30);
        for (String column : Arrays.stream(StatisticsItemFact.COLUMNS.split(",")).map(String::trim).toList()) {
            assertThat(jdbc.queryForObject("select count(" + column + ") from statistics_item", Integer.class))
                    .as(column).isPositive();
        }
    }
}
