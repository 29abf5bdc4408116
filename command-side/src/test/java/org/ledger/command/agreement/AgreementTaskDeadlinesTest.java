package org.ledger.command.agreement;

import static org.ledger.command.RuleMatchers.actor;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.ledger.command.access.AccessFixtures;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ledger.command.rectification.WarningPolicy;
import org.ledger.kernel.MetadataKeys;
import org.ledger.kernel.agreement.AgreementCommands.ArchiveAgreement;
import org.ledger.kernel.agreement.AgreementCommands.CancelTask;
import org.ledger.kernel.agreement.AgreementCommands.ChangeTask;
import org.ledger.kernel.agreement.AgreementCommands.PlanTask;
import org.ledger.kernel.agreement.AgreementCommands.ReportTaskProgress;
import org.ledger.kernel.agreement.AgreementCommands.SignAgreement;
import org.ledger.kernel.agreement.AgreementEvents.AgreementCameIntoForce;
import org.ledger.kernel.agreement.AgreementEvents.AgreementDrafted;
import org.ledger.kernel.agreement.AgreementEvents.AgreementSigned;
import org.ledger.kernel.agreement.AgreementEvents.ResponsibilityItemAdded;
import org.ledger.kernel.agreement.AgreementEvents.TaskBecameOverdue;
import org.ledger.kernel.agreement.AgreementEvents.TaskChanged;
import org.ledger.kernel.agreement.AgreementEvents.TaskCompleted;
import org.ledger.kernel.agreement.AgreementEvents.TaskDueSoon;
import org.ledger.kernel.agreement.AgreementEvents.TaskPlanned;
import org.ledger.kernel.agreement.AgreementEvents.TaskProgressReported;
import org.ledger.kernel.agreement.AgreementId;
import org.ledger.kernel.agreement.Party;
import org.ledger.kernel.agreement.ResponsibilityItemId;
import org.ledger.kernel.agreement.TaskId;
import org.ledger.kernel.rectification.WarningLevel;
import org.ledger.kernel.unit.UnitId;

/**
 * Warnings of an agreement's tasks through Axon's deadline support: what coming into force, planning, changing,
 * cancelling, completing and archiving schedule and cancel, and that each warning is recorded once per task and due
 * date (DESIGN.md §3, the same as a rectification item's).
 */
class AgreementTaskDeadlinesTest {

    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    static final WarningPolicy POLICY = new WarningPolicy(20, 10, ZONE);
    static final AgreementId AGREEMENT = AgreementId.of("agreement-2026");
    static final UnitId COMMITTEE = UnitId.of("sqdw");
    static final UnitId BRANCH = UnitId.of("branch-1");
    static final ResponsibilityItemId ITEM_1 = ResponsibilityItemId.of("item-1");
    static final TaskId TASK_1 = TaskId.of("task-1");
    static final TaskId TASK_2 = TaskId.of("task-2");
    static final LocalDate SIGNED_ON = LocalDate.of(2026, 1, 15);
    static final LocalDate DUE = LocalDate.of(2026, 6, 30);
    static final LocalDate DUE_2 = LocalDate.of(2026, 9, 30);
    static final LocalDate CHANGED_DUE = LocalDate.of(2026, 8, 31);

    static final Map<String, Object> SUPERVISOR = actor("supervisor", "sqdw");
    static final Map<String, Object> LEAD = actor("lead", "branch-1");

    /** Start of 10 June 2026 in Shanghai: 20 days before the due date. */
    static final Instant NOTICE_AT = Instant.parse("2026-06-09T16:00:00Z");
    static final Instant YELLOW_AT = Instant.parse("2026-06-19T16:00:00Z");
    /** Start of 1 July: the due date itself is still in time. */
    static final Instant OVERDUE_AT = Instant.parse("2026-06-30T16:00:00Z");

    static final TaskWarningDue NOTICE = new TaskWarningDue(TASK_1, WarningLevel.GREEN, DUE, 20);
    static final TaskWarningDue YELLOW = new TaskWarningDue(TASK_1, WarningLevel.YELLOW, DUE, 10);
    static final TaskWarningDue OVERDUE = new TaskWarningDue(TASK_1, WarningLevel.RED, DUE, -1);

    private FixtureConfiguration<ResponsibilityAgreement> fixture;

    @BeforeEach
    void setUp() {
        fixture = AccessFixtures.install(new AggregateTestFixture<>(ResponsibilityAgreement.class));
        fixture.registerInjectableResource(POLICY);
    }

    // ---------------------------------------------------------------------------------------------------
    // histories and commands

    static Instant day(LocalDate date) {
        return date.atStartOfDay(ZONE).toInstant();
    }

    static TaskPlanned taskPlanned(TaskId id, LocalDate due) {
        return new TaskPlanned(AGREEMENT, id, ITEM_1, "每季度开展一次主题党日活动", BRANCH, "张明", due, null);
    }

    /** Drafted with one item and task 1 (due 30 June), signed by the responsible party, then {@code more}. */
    static List<Object> signedOnce(Object... more) {
        List<Object> events = new ArrayList<>(List.of(
                new AgreementDrafted(AGREEMENT, "2026年度第一党支部党建工作责任书", LocalDate.of(2026, 1, 1),
                        LocalDate.of(2026, 12, 31), COMMITTEE, BRANCH, 100, "supervisor"),
                new ResponsibilityItemAdded(AGREEMENT, ITEM_1, "组织建设", "严格落实“三会一课”制度", 100, null),
                taskPlanned(TASK_1, DUE)));
        events.addAll(Arrays.asList(more));
        events.add(new AgreementSigned(AGREEMENT, Party.RESPONSIBLE, "王书记", SIGNED_ON, "lead"));
        return events;
    }

    static SignAgreement issuerSigns(LocalDate on) {
        return new SignAgreement(AGREEMENT, null, Party.ISSUER, "李书记", on);
    }

    /** A command with the actor and an amendment reason, for andGivenCommands. */
    static CommandMessage<?> amended(Object command) {
        Map<String, Object> metadata = new HashMap<>(SUPERVISOR);
        metadata.put(MetadataKeys.REASON, "年中调整");
        return GenericCommandMessage.asCommandMessage(command).andMetaData(metadata);
    }

    static Map<String, Object> because(Map<String, Object> actor, String reason) {
        Map<String, Object> metadata = new HashMap<>(actor);
        metadata.put(MetadataKeys.REASON, reason);
        return metadata;
    }

    static ChangeTask changeDue(LocalDate due) {
        return new ChangeTask(AGREEMENT, null, TASK_1, "每季度开展一次主题党日活动", BRANCH, "张明", due);
    }

    static TaskWarningDue due(TaskId task, WarningLevel level, LocalDate dueDate) {
        return new TaskWarningDue(task, level, dueDate, level == WarningLevel.GREEN ? 20
                : level == WarningLevel.YELLOW ? 10 : -1);
    }

    // ---------------------------------------------------------------------------------------------------

    @Test
    void comingIntoForceSchedulesNoticeYellowAndOverdueForEachOpenTask() {
        fixture.given(signedOnce(taskPlanned(TASK_2, DUE_2)))
                .andGivenCurrentTime(day(SIGNED_ON))
                .when(issuerSigns(SIGNED_ON), SUPERVISOR)
                .expectEvents(new AgreementSigned(AGREEMENT, Party.ISSUER, "李书记", SIGNED_ON, "supervisor"),
                        new AgreementCameIntoForce(AGREEMENT, SIGNED_ON))
                .expectScheduledDeadline(NOTICE_AT, NOTICE)
                .expectScheduledDeadline(YELLOW_AT, YELLOW)
                .expectScheduledDeadline(OVERDUE_AT, OVERDUE)
                .expectScheduledDeadline(day(DUE_2.minusDays(20)), due(TASK_2, WarningLevel.GREEN, DUE_2))
                .expectScheduledDeadline(day(DUE_2.minusDays(10)), due(TASK_2, WarningLevel.YELLOW, DUE_2))
                .expectScheduledDeadline(day(DUE_2.plusDays(1)), due(TASK_2, WarningLevel.RED, DUE_2));
    }

    @Test
    void aDraftSchedulesNothing() {
        fixture.given(signedOnce().subList(0, 3))
                .when(new PlanTask(AGREEMENT, null, TASK_2, ITEM_1, "专题学习", BRANCH, "张明", DUE_2), SUPERVISOR)
                .expectSuccessfulHandlerExecution()
                .expectNoScheduledDeadlines();
    }

    @Test
    void theFirstSignatureSchedulesNothing() {
        fixture.given(signedOnce().subList(0, 3))
                .when(new SignAgreement(AGREEMENT, null, Party.RESPONSIBLE, "王书记", SIGNED_ON), LEAD)
                .expectSuccessfulHandlerExecution()
                .expectNoScheduledDeadlines();
    }

    @Test
    void nothingIsRecordedBeforeTheNoticeDay() {
        fixture.given(signedOnce())
                .andGivenCurrentTime(day(SIGNED_ON))
                .andGivenCommands(issuerSigns(SIGNED_ON))
                .whenThenTimeAdvancesTo(NOTICE_AT.minusSeconds(1))
                .expectNoEvents()
                .expectDeadlinesMet();
    }

    @Test
    void eachWarningIsRecordedOnceInOrderUntilOverdue() {
        fixture.given(signedOnce())
                .andGivenCurrentTime(day(SIGNED_ON))
                .andGivenCommands(issuerSigns(SIGNED_ON))
                .whenThenTimeAdvancesTo(OVERDUE_AT.plus(Duration.ofDays(30)))
                .expectEvents(new TaskDueSoon(AGREEMENT, TASK_1, WarningLevel.GREEN, DUE, 20),
                        new TaskDueSoon(AGREEMENT, TASK_1, WarningLevel.YELLOW, DUE, 10),
                        new TaskBecameOverdue(AGREEMENT, TASK_1, DUE))
                .expectDeadlinesMet(NOTICE, YELLOW, OVERDUE);
    }

    @Test
    void aWarningThatFiresAgainIsNotRecordedTwice() {
        // as after a restart or a retry: the deadline fires although its warning is already in the stream
        fixture.given(signedOnce())
                .andGivenCurrentTime(day(SIGNED_ON))
                .andGivenCommands(issuerSigns(SIGNED_ON))
                .andGiven(new TaskDueSoon(AGREEMENT, TASK_1, WarningLevel.GREEN, DUE, 20))
                .whenThenTimeAdvancesTo(NOTICE_AT)
                .expectNoEvents()
                .expectDeadlinesMet(NOTICE);
    }

    @Test
    void aNoticeOvertakenByYellowIsNotRecorded() {
        fixture.given(signedOnce())
                .andGivenCurrentTime(day(SIGNED_ON))
                .andGivenCommands(issuerSigns(SIGNED_ON))
                .andGiven(new TaskDueSoon(AGREEMENT, TASK_1, WarningLevel.YELLOW, DUE, 10))
                .whenThenTimeAdvancesTo(YELLOW_AT)
                .expectNoEvents()
                .expectDeadlinesMet(NOTICE, YELLOW);
    }

    @Test
    void aTaskAlreadyPastItsDueDateWhenTheAgreementComesIntoForceIsOverdueAtOnceWithoutNotices() {
        LocalDate lateSignature = DUE.plusDays(5);
        fixture.given(signedOnce())
                .andGivenCurrentTime(day(lateSignature).plus(Duration.ofHours(9)))
                .andGivenCommands(issuerSigns(lateSignature))
                .whenThenTimeElapses(Duration.ofSeconds(1))
                .expectEvents(new TaskBecameOverdue(AGREEMENT, TASK_1, DUE))
                .expectDeadlinesMet(OVERDUE)
                .expectNoScheduledDeadline(NOTICE_AT, NOTICE)
                .expectNoScheduledDeadline(YELLOW_AT, YELLOW);
    }

    @Test
    void aTaskPlannedWhileInForceGetsItsWarnings() {
        fixture.given(signedOnce(new AgreementCameIntoForce(AGREEMENT, SIGNED_ON)))
                .andGivenCurrentTime(day(SIGNED_ON.plusDays(10)))
                .when(new PlanTask(AGREEMENT, null, TASK_2, ITEM_1, "专题学习", BRANCH, "张明", DUE_2),
                        because(SUPERVISOR, "补充年中专项任务"))
                .expectSuccessfulHandlerExecution()
                .expectScheduledDeadline(day(DUE_2.minusDays(20)), due(TASK_2, WarningLevel.GREEN, DUE_2))
                .expectScheduledDeadline(day(DUE_2.minusDays(10)), due(TASK_2, WarningLevel.YELLOW, DUE_2))
                .expectScheduledDeadline(day(DUE_2.plusDays(1)), due(TASK_2, WarningLevel.RED, DUE_2))
                .expectNoScheduledDeadline(OVERDUE_AT, OVERDUE);
    }

    @Test
    void aChangedDueDateCancelsAndReschedules() {
        fixture.given(signedOnce())
                .andGivenCurrentTime(day(SIGNED_ON))
                .andGivenCommands(issuerSigns(SIGNED_ON))
                .when(changeDue(CHANGED_DUE), because(SUPERVISOR, "年中调整"))
                .expectEvents(new TaskChanged(AGREEMENT, TASK_1, ITEM_1, "每季度开展一次主题党日活动", BRANCH, "张明",
                        CHANGED_DUE, "年中调整"))
                .expectNoScheduledDeadline(NOTICE_AT, NOTICE)
                .expectNoScheduledDeadline(YELLOW_AT, YELLOW)
                .expectNoScheduledDeadline(OVERDUE_AT, OVERDUE)
                .expectScheduledDeadline(day(CHANGED_DUE.minusDays(20)),
                        due(TASK_1, WarningLevel.GREEN, CHANGED_DUE))
                .expectScheduledDeadline(day(CHANGED_DUE.minusDays(10)),
                        due(TASK_1, WarningLevel.YELLOW, CHANGED_DUE))
                .expectScheduledDeadline(day(CHANGED_DUE.plusDays(1)), due(TASK_1, WarningLevel.RED, CHANGED_DUE));
    }

    @Test
    void aChangedDueDateStartsItsWarningsAfresh() {
        fixture.given(signedOnce())
                .andGivenCurrentTime(day(SIGNED_ON))
                .andGivenCommands(issuerSigns(SIGNED_ON))
                .andGiven(new TaskDueSoon(AGREEMENT, TASK_1, WarningLevel.GREEN, DUE, 20),
                        new TaskDueSoon(AGREEMENT, TASK_1, WarningLevel.YELLOW, DUE, 10))
                .andGivenCommands(amended(changeDue(CHANGED_DUE)))
                .whenThenTimeAdvancesTo(day(CHANGED_DUE.minusDays(10)))
                .expectEvents(new TaskDueSoon(AGREEMENT, TASK_1, WarningLevel.GREEN, CHANGED_DUE, 20),
                        new TaskDueSoon(AGREEMENT, TASK_1, WarningLevel.YELLOW, CHANGED_DUE, 10));
    }

    @Test
    void aChangeThatKeepsTheDueDateRecordsNoWarningAgain() {
        fixture.given(signedOnce())
                .andGivenCurrentTime(day(SIGNED_ON))
                .andGivenCommands(issuerSigns(SIGNED_ON))
                .andGiven(new TaskDueSoon(AGREEMENT, TASK_1, WarningLevel.GREEN, DUE, 20))
                .andGivenCommands(amended(new ChangeTask(AGREEMENT, null, TASK_1, "改", BRANCH, "李华", DUE)))
                .whenThenTimeAdvancesTo(YELLOW_AT)
                .expectEvents(new TaskDueSoon(AGREEMENT, TASK_1, WarningLevel.YELLOW, DUE, 10));
    }

    @Test
    void aDeadlineLeftOverFromAnEarlierDueDateChangesNothing() {
        // the change is given as an event, so the deadlines of the old date stay scheduled and fire
        fixture.given(signedOnce())
                .andGivenCurrentTime(day(SIGNED_ON))
                .andGivenCommands(issuerSigns(SIGNED_ON))
                .andGiven(new TaskChanged(AGREEMENT, TASK_1, ITEM_1, "每季度开展一次主题党日活动", BRANCH, "张明",
                        CHANGED_DUE, "年中调整"))
                .whenThenTimeAdvancesTo(OVERDUE_AT)
                .expectNoEvents()
                .expectDeadlinesMet(NOTICE, YELLOW, OVERDUE);
    }

    @Test
    void cancellingATaskCancelsOnlyItsWarnings() {
        fixture.given(signedOnce(taskPlanned(TASK_2, DUE_2)))
                .andGivenCurrentTime(day(SIGNED_ON))
                .andGivenCommands(issuerSigns(SIGNED_ON))
                .when(new CancelTask(AGREEMENT, null, TASK_1), because(SUPERVISOR, "并入其他任务"))
                .expectSuccessfulHandlerExecution()
                .expectNoScheduledDeadline(NOTICE_AT, NOTICE)
                .expectNoScheduledDeadline(YELLOW_AT, YELLOW)
                .expectNoScheduledDeadline(OVERDUE_AT, OVERDUE)
                .expectScheduledDeadline(day(DUE_2.minusDays(20)), due(TASK_2, WarningLevel.GREEN, DUE_2))
                .expectScheduledDeadline(day(DUE_2.plusDays(1)), due(TASK_2, WarningLevel.RED, DUE_2));
    }

    @Test
    void completingATaskCancelsOnlyItsWarnings() {
        fixture.given(signedOnce(taskPlanned(TASK_2, DUE_2)))
                .andGivenCurrentTime(day(SIGNED_ON))
                .andGivenCommands(issuerSigns(SIGNED_ON))
                .when(new ReportTaskProgress(AGREEMENT, null, TASK_1, 100, "已完成", true, LocalDate.of(2026, 5, 10)),
                        LEAD)
                .expectSuccessfulHandlerExecution()
                .expectNoScheduledDeadline(NOTICE_AT, NOTICE)
                .expectNoScheduledDeadline(OVERDUE_AT, OVERDUE)
                .expectScheduledDeadline(day(DUE_2.plusDays(1)), due(TASK_2, WarningLevel.RED, DUE_2));
    }

    @Test
    void aCompletedTaskIsNotWarned() {
        // the completion is given as events, so the task's deadlines stay scheduled and fire
        fixture.given(signedOnce())
                .andGivenCurrentTime(day(SIGNED_ON))
                .andGivenCommands(issuerSigns(SIGNED_ON))
                .andGiven(new TaskProgressReported(AGREEMENT, TASK_1, ITEM_1, 100, "已完成", LocalDate.of(2026, 5, 10),
                                "lead"),
                        new TaskCompleted(AGREEMENT, TASK_1, ITEM_1, LocalDate.of(2026, 5, 10)))
                .whenThenTimeAdvancesTo(OVERDUE_AT)
                .expectNoEvents()
                .expectDeadlinesMet(NOTICE, YELLOW, OVERDUE);
    }

    @Test
    void archivingCancelsEveryTasksWarnings() {
        fixture.given(signedOnce(taskPlanned(TASK_2, DUE_2)))
                .andGivenCurrentTime(day(SIGNED_ON))
                .andGivenCommands(issuerSigns(SIGNED_ON))
                .when(new ArchiveAgreement(AGREEMENT, null, LocalDate.of(2026, 3, 1)), because(SUPERVISOR, "撤销"))
                .expectSuccessfulHandlerExecution()
                .expectNoScheduledDeadlines();
    }

    @Test
    void aTaskOfAnUnknownIdIsIgnored() {
        fixture.given(signedOnce(new AgreementCameIntoForce(AGREEMENT, SIGNED_ON)))
                .andGivenCurrentTime(day(SIGNED_ON))
                .andGivenCommands(amended(new PlanTask(AGREEMENT, null, TASK_2, ITEM_1, "专题学习", BRANCH, "张明",
                        DUE)))
                .andGiven(new org.ledger.kernel.agreement.AgreementEvents.TaskCancelled(AGREEMENT, TASK_2, ITEM_1,
                        "取消"))
                .whenThenTimeAdvancesTo(OVERDUE_AT)
                .expectNoEvents();
    }
}
