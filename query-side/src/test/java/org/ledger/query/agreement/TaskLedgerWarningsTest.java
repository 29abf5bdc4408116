package org.ledger.query.agreement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ledger.kernel.agreement.AgreementEvents.AgreementArchived;
import org.ledger.kernel.agreement.AgreementEvents.AgreementCameIntoForce;
import org.ledger.kernel.agreement.AgreementEvents.AgreementDrafted;
import org.ledger.kernel.agreement.AgreementEvents.ResponsibilityItemAdded;
import org.ledger.kernel.agreement.AgreementEvents.TaskBecameOverdue;
import org.ledger.kernel.agreement.AgreementEvents.TaskChanged;
import org.ledger.kernel.agreement.AgreementEvents.TaskCompleted;
import org.ledger.kernel.agreement.AgreementEvents.TaskDueSoon;
import org.ledger.kernel.agreement.AgreementEvents.TaskPlanned;
import org.ledger.kernel.agreement.AgreementId;
import org.ledger.kernel.agreement.ResponsibilityItemId;
import org.ledger.kernel.agreement.TaskId;
import org.ledger.kernel.rectification.WarningLevel;
import org.ledger.kernel.unit.UnitId;
import org.ledger.query.support.RememberedIds;
import org.ledger.query.QueryTestApplication;
import org.ledger.query.TestJson;
import org.ledger.query.unit.UnitTree;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.orm.jpa.DataJpaTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.servlet.MockMvc;

/** The task ledger's warning level (预警): from coming into force, the task warning events, completion and archival. */
@DataJpaTest
@Import({TaskLedgerProjection.class, TaskLedgerQueries.class, UnitTree.class, RememberedIds.class,
        QueryTestApplication.FixedClock.class, QueryTestApplication.ReadEverything.class})
class TaskLedgerWarningsTest {

    static final Instant T0 = Instant.parse("2024-01-05T08:00:00Z");
    static final AgreementId A = AgreementId.of("agreement-2024");
    static final ResponsibilityItemId ITEM = ResponsibilityItemId.of("item-1");
    static final TaskId TASK_1 = TaskId.of("task-1");
    static final TaskId TASK_2 = TaskId.of("task-2");
    static final TaskId TASK_3 = TaskId.of("task-3");
    static final UnitId BRANCH = UnitId.of("branch-1");
    static final LocalDate DUE_1 = LocalDate.of(2024, 6, 30);
    static final LocalDate DUE_2 = LocalDate.of(2024, 6, 20);

    @Autowired
    TaskLedgerProjection projection;
    @Autowired
    TaskLedgerQueries queries;

    MockMvc mvc;

    static Instant at(long seq) {
        return T0.plusSeconds(60L * seq);
    }

    static TaskPlanned planned(TaskId id, LocalDate due) {
        return new TaskPlanned(A, id, ITEM, "每季度主题党日", BRANCH, "张明", due, null);
    }

    /** Drafted, one item, two tasks: a draft at sequence 3. */
    @BeforeEach
    void drafted() {
        mvc = TestJson.mockMvc(new TaskLedgerController(queries));
        projection.on(new AgreementDrafted(A, "2024年度党建责任书", LocalDate.of(2024, 1, 1), LocalDate.of(2024, 12, 31),
                UnitId.of("sqdw"), BRANCH, 100, "supervisor"));
        projection.on(new ResponsibilityItemAdded(A, ITEM, "组织建设", "落实三会一课", 100, null));
        projection.on(planned(TASK_1, DUE_1), 2, at(2));
        projection.on(planned(TASK_2, DUE_2), 3, at(3));
    }

    WarningLevel level(TaskId id) {
        return queries.find(id.value(), A.value(), null).get(0).warningLevel();
    }

    List<String> ids(WarningLevel level) {
        return queries.list(new TaskLedgerFilter(null, null, null, null, null, null, null, level),
                TaskLedgerQueries.PAGING.pageable(0, 200, null), null).content().stream()
                .map(TaskLedgerEntry::id).toList();
    }

    @Test
    void aDraftsTasksHaveNoWarningLevel() {
        assertThat(level(TASK_1)).isNull();
        assertThat(level(TASK_2)).isNull();
    }

    @Test
    void comingIntoForceMakesOpenTasksGreenAndTasksPlannedLaterStartGreen() {
        projection.on(new TaskCompleted(A, TASK_2, ITEM, LocalDate.of(2024, 1, 6)), 4, at(4));
        projection.on(new AgreementCameIntoForce(A, LocalDate.of(2024, 1, 12)), 7, at(7));
        assertThat(level(TASK_1)).isEqualTo(WarningLevel.GREEN);
        assertThat(level(TASK_2)).as("completed before coming into force").isNull();

        projection.on(planned(TASK_3, DUE_1), 8, at(8));
        assertThat(level(TASK_3)).isEqualTo(WarningLevel.GREEN);
    }

    @Test
    void warningsRaiseTheLevelAndNeverLowerIt() {
        projection.on(new AgreementCameIntoForce(A, LocalDate.of(2024, 1, 12)), 7, at(7));
        projection.on(new TaskDueSoon(A, TASK_1, WarningLevel.GREEN, DUE_1, 20), 8, at(8));
        assertThat(level(TASK_1)).isEqualTo(WarningLevel.GREEN);
        projection.on(new TaskDueSoon(A, TASK_1, WarningLevel.YELLOW, DUE_1, 10), 9, at(9));
        assertThat(level(TASK_1)).isEqualTo(WarningLevel.YELLOW);
        projection.on(new TaskBecameOverdue(A, TASK_2, DUE_2), 10, at(10));
        assertThat(level(TASK_2)).isEqualTo(WarningLevel.RED);
        // a late notice (another node's retry) does not lower the level; a replayed event changes nothing
        projection.on(new TaskDueSoon(A, TASK_2, WarningLevel.GREEN, DUE_2, 20), 11, at(11));
        projection.on(new TaskBecameOverdue(A, TASK_2, DUE_2), 10, at(10));
        assertThat(level(TASK_2)).isEqualTo(WarningLevel.RED);

        assertThat(ids(WarningLevel.YELLOW)).containsExactly("task-1");
        assertThat(ids(WarningLevel.RED)).containsExactly("task-2");
        assertThat(ids(WarningLevel.GREEN)).isEmpty();
    }

    @Test
    void aNewDueDateGoesBackToGreenAndTheSameDueDateKeepsTheLevel() {
        projection.on(new AgreementCameIntoForce(A, LocalDate.of(2024, 1, 12)), 7, at(7));
        projection.on(new TaskDueSoon(A, TASK_1, WarningLevel.YELLOW, DUE_1, 10), 8, at(8));
        projection.on(new TaskChanged(A, TASK_1, ITEM, "改", BRANCH, "李华", DUE_1, "人员调整"), 9, at(9));
        assertThat(level(TASK_1)).isEqualTo(WarningLevel.YELLOW);
        projection.on(new TaskChanged(A, TASK_1, ITEM, "改", BRANCH, "李华", DUE_1.plusMonths(2), "延后"), 10, at(10));
        assertThat(level(TASK_1)).isEqualTo(WarningLevel.GREEN);
    }

    @Test
    void completionAndArchivalEndTheWarningLevel() {
        projection.on(new AgreementCameIntoForce(A, LocalDate.of(2024, 1, 12)), 7, at(7));
        projection.on(new TaskBecameOverdue(A, TASK_2, DUE_2), 8, at(8));
        projection.on(new TaskCompleted(A, TASK_2, ITEM, LocalDate.of(2024, 7, 2)), 9, at(9));
        assertThat(level(TASK_2)).isNull();
        assertThat(level(TASK_1)).isEqualTo(WarningLevel.GREEN);

        projection.on(new AgreementArchived(A, null, "supervisor", LocalDate.of(2024, 12, 31)), 10, at(10));
        assertThat(level(TASK_1)).isNull();
        // and the ledger as of before the archival still shows it
        assertThat(queries.find(TASK_1.value(), A.value(), at(9)).get(0).warningLevel())
                .isEqualTo(WarningLevel.GREEN);
    }

    @Test
    void theControllerFiltersByWarningLevelAndShowsIt() throws Exception {
        projection.on(new AgreementCameIntoForce(A, LocalDate.of(2024, 1, 12)), 7, at(7));
        projection.on(new TaskDueSoon(A, TASK_2, WarningLevel.YELLOW, DUE_2, 10), 8, at(8));
        mvc.perform(get("/api/ledgers/tasks").param("warningLevel", "YELLOW"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.content.length()").value(1))
                .andExpect(jsonPath("$.content[0].id").value("task-2"))
                .andExpect(jsonPath("$.content[0].warningLevel").value("YELLOW"));
        mvc.perform(get("/api/ledgers/tasks").param("warningLevel", "GREEN"))
                .andExpect(jsonPath("$.content.length()").value(1))
                .andExpect(jsonPath("$.content[0].id").value("task-1"));
        mvc.perform(get("/api/ledgers/tasks").param("warningLevel", "ORANGE")).andExpect(status().isBadRequest());
    }
}
