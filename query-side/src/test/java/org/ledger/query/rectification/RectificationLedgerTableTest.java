package org.ledger.query.rectification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ledger.kernel.issue.IssueSource;
import org.ledger.kernel.rectification.RectificationStatus;
import org.ledger.kernel.rectification.RectificationType;
import org.ledger.kernel.rectification.WarningLevel;
import org.ledger.query.support.RememberedIds;
import org.ledger.query.unit.UnitTree;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.orm.jpa.DataJpaTest;
import org.springframework.boot.test.autoconfigure.orm.jpa.TestEntityManager;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The rectification ledger's rows as its projection reads and writes them by plain JDBC (RectificationLedgerTable):
 * every column as JPA reads it back, a version ended by the transaction that added it written once with its end, one
 * stored before ended by its row id, row ids in the order the versions were added, current rows read as written, and
 * nothing written by a transaction that rolls back.
 */
@DataJpaTest
@Import({RectificationLedgerTable.class, UnitTree.class, RememberedIds.class})
class RectificationLedgerTableTest {

    static final Instant T0 = Instant.parse("2024-04-12T08:00:00.123456Z");

    @Autowired
    RectificationLedgerTable table;
    @Autowired
    TestEntityManager entities;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    PlatformTransactionManager transactions;

    /** A version with every column but the verification's set, as a long life of events leaves it. */
    static RectificationLedgerRow fullRow() {
        RectificationLedgerIssue issue = new RectificationLedgerIssue("i-1", 0, "记录不规范", "描述",
                IssueSource.INSPECTION, "branch-02");
        issue.recordRootCause(1, 1, "学习不深入");
        RectificationLedgerRow row = new RectificationLedgerRow("r-1", "i-1", 0, T0);
        row.plan("措施", RectificationType.WITHIN_DEADLINE, "b1", "王敏", "李强", LocalDate.of(2024, 6, 20),
                "规范记录");
        row.copyIssueFacts(issue);
        row.planApproved();
        row.reportProgress(60, "过半", LocalDate.of(2024, 5, 2));
        row.evidenceAttached();
        row.extensionApproved(LocalDate.of(2024, 7, 20));
        row.reopened(LocalDate.of(2024, 9, 30));
        row.extensionRequested("x-2", LocalDate.of(2024, 10, 30), "lead");
        row.warned(WarningLevel.YELLOW);
        row.closureRequested(LocalDate.of(2024, 9, 2), "lead");
        row.touch(T0.plusSeconds(1));
        return row;
    }

    @Test
    void everyColumnIsWrittenAsJpaReadsItAndVersionsEndedInTheirOwnTransactionAreWrittenOnce() {
        List<RectificationLedgerRow> versions = new ArrayList<>();
        RectificationLedgerRow first = fullRow();
        table.add(first);
        versions.add(first);
        RectificationLedgerRow closed = first.nextVersion(1, T0.plusSeconds(2));
        closed.closed("supervisor", LocalDate.of(2024, 9, 5));
        table.supersede(first, T0.plusSeconds(2)); // held back: ended in memory
        table.add(closed);
        versions.add(closed);
        RectificationLedgerRow third = closed.nextVersion(2, T0.plusSeconds(3));
        table.supersede(closed, T0.plusSeconds(3));
        table.add(third);
        versions.add(third);
        assertThat(rowCount()).isZero(); // nothing sent yet

        table.writeHeldBack();
        assertThat(rowCount()).isEqualTo(3);
        RectificationLedgerRow fourth = third.nextVersion(3, T0.plusSeconds(4));
        table.supersede(third, T0.plusSeconds(4)); // stored now: by its row id
        table.add(fourth);
        versions.add(fourth);
        table.writeHeldBack();
        entities.clear();
        assertThat(table.current("r-1")).get().usingRecursiveComparison().isEqualTo(fourth);
        assertThat(table.currentOfIssue("i-1")).singleElement().usingRecursiveComparison().isEqualTo(fourth);

        assertThat(versions).extracting(RectificationLedgerRow::getRowId).doesNotContainNull().isSorted();
        for (RectificationLedgerRow version : versions) {
            assertThat(entities.find(RectificationLedgerRow.class, version.getRowId()))
                    .usingRecursiveComparison().isEqualTo(version);
        }
        assertThat(versions).extracting(RectificationLedgerRow::getValidTo)
                .containsExactly(T0.plusSeconds(2), T0.plusSeconds(3), T0.plusSeconds(4), null);
        assertThat(entities.find(RectificationLedgerRow.class, versions.get(1).getRowId()).getStatus())
                .isEqualTo(RectificationStatus.CLOSED);
        // every column but the row id held a value in at least one of the versions compared
        for (String column : Arrays.stream(RectificationLedgerRow.COLUMNS.split(",")).map(String::trim).toList()) {
            assertThat(jdbc.queryForObject("select count(" + column + ") from rectification_ledger", Integer.class))
                    .as(column).isPositive();
        }
    }

    @Test
    void theHeldBackVersionsAreWrittenWhenTheTransactionCommitsAndNotWhenItRollsBack() {
        TransactionTemplate own = new TransactionTemplate(transactions);
        own.setPropagationBehavior(TransactionTemplate.PROPAGATION_REQUIRES_NEW);
        try {
            own.executeWithoutResult(status -> {
                table.add(fullRow());
                status.setRollbackOnly();
            });
            assertThat(rowCount()).isZero();

            own.executeWithoutResult(status -> table.add(fullRow()));
            assertThat(rowCount()).isEqualTo(1);
        } finally {
            own.executeWithoutResult(status -> jdbc.update("delete from rectification_ledger"));
        }
    }

    @Test
    void aVersionThatWasNeverAddedCannotBeEnded() {
        assertThatThrownBy(() -> table.supersede(fullRow(), T0)).hasMessageContaining("never added");
    }

    private int rowCount() {
        return jdbc.queryForObject("select count(*) from rectification_ledger", Integer.class);
    }
}
