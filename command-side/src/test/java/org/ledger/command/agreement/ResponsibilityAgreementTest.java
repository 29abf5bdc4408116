package org.ledger.command.agreement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ledger.command.RuleMatchers.actor;
import static org.ledger.command.RuleMatchers.violates;

import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.ledger.command.access.AccessFixtures;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ledger.command.rectification.WarningPolicy;
import org.ledger.kernel.MetadataKeys;
import org.ledger.kernel.agreement.AgreementCommands.AddItem;
import org.ledger.kernel.agreement.AgreementCommands.ArchiveAgreement;
import org.ledger.kernel.agreement.AgreementCommands.AssessAgreement;
import org.ledger.kernel.agreement.AgreementCommands.CancelTask;
import org.ledger.kernel.agreement.AgreementCommands.ChangeItem;
import org.ledger.kernel.agreement.AgreementCommands.ChangeTask;
import org.ledger.kernel.agreement.AgreementCommands.DraftAgreement;
import org.ledger.kernel.agreement.AgreementCommands.PlanTask;
import org.ledger.kernel.agreement.AgreementCommands.RemoveItem;
import org.ledger.kernel.agreement.AgreementCommands.ReportTaskProgress;
import org.ledger.kernel.agreement.AgreementCommands.SignAgreement;
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
import org.ledger.kernel.agreement.Grade;
import org.ledger.kernel.agreement.ItemScore;
import org.ledger.kernel.agreement.Party;
import org.ledger.kernel.agreement.ResponsibilityItemId;
import org.ledger.kernel.agreement.TaskId;
import org.ledger.kernel.unit.UnitId;

/**
 * The responsibility agreement aggregate: one test per {@link AgreementRule}, named after it, plus the paths users
 * walk (draft → items → tasks → two signatures → progress → assessment → archive, and amendments).
 */
class ResponsibilityAgreementTest {

    static final AgreementId AGREEMENT = AgreementId.of("agreement-2026");
    static final UnitId COMMITTEE = UnitId.of("sqdw");
    static final UnitId BRANCH = UnitId.of("branch-1");
    static final LocalDate START = LocalDate.of(2026, 1, 1);
    static final LocalDate END = LocalDate.of(2026, 12, 31);
    static final LocalDate SIGNED_ON = LocalDate.of(2026, 1, 15);
    static final LocalDate TODAY = LocalDate.of(2026, 5, 10);
    static final ResponsibilityItemId ITEM_1 = ResponsibilityItemId.of("item-1");
    static final ResponsibilityItemId ITEM_2 = ResponsibilityItemId.of("item-2");
    static final TaskId TASK_1 = TaskId.of("task-1");
    static final TaskId TASK_2 = TaskId.of("task-2");
    static final String TITLE = "2026年度第一党支部党建工作责任书";

    static final Map<String, Object> SUPERVISOR = actor("supervisor", "sqdw");
    static final Map<String, Object> LEAD = actor("lead", "branch-1");

    private FixtureConfiguration<ResponsibilityAgreement> fixture;

    @BeforeEach
    void setUp() {
        fixture = AccessFixtures.install(new AggregateTestFixture<>(ResponsibilityAgreement.class));
        // signing, planning, changing, cancelling and completing tasks (re)schedule warnings (AgreementTaskDeadlinesTest)
        fixture.registerInjectableResource(new WarningPolicy(20, 10, java.time.ZoneId.of("Asia/Shanghai")));
    }

    // ---------------------------------------------------------------------------------------------------
    // histories

    static Map<String, Object> because(Map<String, Object> actor, String reason) {
        Map<String, Object> metadata = new HashMap<>(actor);
        metadata.put(MetadataKeys.REASON, reason);
        return metadata;
    }

    static AgreementDrafted drafted() {
        return new AgreementDrafted(AGREEMENT, TITLE, START, END, COMMITTEE, BRANCH, 100, "supervisor");
    }

    static ResponsibilityItemAdded itemAdded(ResponsibilityItemId id, int weight) {
        return new ResponsibilityItemAdded(AGREEMENT, id, "组织建设", "严格落实“三会一课”制度", weight, null);
    }

    static TaskPlanned taskPlanned(TaskId id, ResponsibilityItemId item) {
        return new TaskPlanned(AGREEMENT, id, item, "每季度开展一次主题党日活动", BRANCH, "张明",
                LocalDate.of(2026, 6, 30), null);
    }

    static AgreementSigned signed(Party party) {
        return new AgreementSigned(AGREEMENT, party, party == Party.ISSUER ? "李书记" : "王书记", SIGNED_ON,
                party == Party.ISSUER ? "supervisor" : "lead");
    }

    /** Drafted with two items (60 + 40) and a task for item 1, then {@code more}. */
    static List<Object> drafting(Object... more) {
        List<Object> events = new ArrayList<>(List.of(drafted(), itemAdded(ITEM_1, 60), itemAdded(ITEM_2, 40),
                taskPlanned(TASK_1, ITEM_1)));
        events.addAll(Arrays.asList(more));
        return events;
    }

    /** Signed by both parties: IN_FORCE, then {@code more}. */
    static List<Object> inForce(Object... more) {
        List<Object> events = drafting(signed(Party.RESPONSIBLE), signed(Party.ISSUER),
                new AgreementCameIntoForce(AGREEMENT, SIGNED_ON));
        events.addAll(Arrays.asList(more));
        return events;
    }

    static AgreementAssessed assessed(boolean reassessment, String reason) {
        return new AgreementAssessed(AGREEMENT, scores("55", "38"), new BigDecimal("93"), Grade.EXCELLENT,
                reassessment, reason, "supervisor", TODAY);
    }

    static List<ItemScore> scores(String first, String second) {
        return List.of(new ItemScore(ITEM_1, new BigDecimal(first), "制度落实到位"),
                new ItemScore(ITEM_2, new BigDecimal(second), "基本完成"));
    }

    static DraftAgreement draft(LocalDate start, LocalDate end, UnitId issuer, UnitId responsible, int fullScore) {
        return new DraftAgreement(AGREEMENT, TITLE, start, end, issuer, responsible, fullScore);
    }

    static AddItem addItem(ResponsibilityItemId id, int weight) {
        return new AddItem(AGREEMENT, null, id, "组织建设", "严格落实“三会一课”制度", weight);
    }

    static PlanTask planTask(TaskId id, ResponsibilityItemId item, LocalDate due) {
        return new PlanTask(AGREEMENT, null, id, item, "每季度开展一次主题党日活动", BRANCH, "张明", due);
    }

    static ReportTaskProgress progress(TaskId id, int percent, boolean completed) {
        return new ReportTaskProgress(AGREEMENT, null, id, percent, "已开展两次主题党日活动", completed, TODAY);
    }

    static AssessAgreement assess(List<ItemScore> scores) {
        return new AssessAgreement(AGREEMENT, null, scores, Grade.EXCELLENT, TODAY);
    }

    // ---------------------------------------------------------------------------------------------------
    // one test per rule

    @Test
    void periodEndsAfterStart() {
        fixture.givenNoPriorActivity()
                .when(draft(END, START, COMMITTEE, BRANCH, 100), SUPERVISOR)
                .expectException(violates(AgreementRule.PeriodEndsAfterStart))
                .expectNoEvents();
    }

    @Test
    void partiesDiffer() {
        fixture.givenNoPriorActivity()
                .when(draft(START, END, BRANCH, BRANCH, 100), SUPERVISOR)
                .expectException(violates(AgreementRule.PartiesDiffer))
                .expectNoEvents();
    }

    @Test
    void fullScorePositive() {
        fixture.givenNoPriorActivity()
                .when(draft(START, END, COMMITTEE, BRANCH, 0), SUPERVISOR)
                .expectException(violates(AgreementRule.FullScorePositive))
                .expectNoEvents();
    }

    @Test
    void itemIdUnique() {
        fixture.given(drafting(new ResponsibilityItemRemoved(AGREEMENT, ITEM_2, 40, null)))
                .when(addItem(ITEM_2, 40), SUPERVISOR)
                .expectException(violates(AgreementRule.ItemIdUnique))
                .expectNoEvents();
    }

    @Test
    void knownItem() {
        fixture.given(drafting())
                .when(new ChangeItem(AGREEMENT, null, ResponsibilityItemId.of("item-9"), "宣传", "x", 10), SUPERVISOR)
                .expectException(violates(AgreementRule.KnownItem))
                .expectNoEvents();
    }

    @Test
    void weightPositive() {
        fixture.given(drafted())
                .when(addItem(ITEM_1, 0), SUPERVISOR)
                .expectException(violates(AgreementRule.WeightPositive))
                .expectNoEvents();
    }

    @Test
    void itemsChangeOnlyWhileDraftOrByAmendment() {
        fixture.given(inForce(assessed(false, null)))
                .when(new ChangeItem(AGREEMENT, null, ITEM_1, "组织建设", "改", 60), because(SUPERVISOR, "调整"))
                .expectException(violates(AgreementRule.ItemsChangeOnlyWhileDraftOrByAmendment))
                .expectNoEvents();
    }

    @Test
    void amendmentNeedsReason() {
        fixture.given(inForce())
                .when(new ChangeItem(AGREEMENT, null, ITEM_1, "组织建设", "改", 60), SUPERVISOR)
                .expectException(violates(AgreementRule.AmendmentNeedsReason))
                .expectNoEvents();
    }

    @Test
    void amendmentNeedsReason_alreadyAfterTheFirstSignature() {
        fixture.given(drafting(signed(Party.RESPONSIBLE)))
                .when(planTask(TASK_2, ITEM_2, END), SUPERVISOR)
                .expectException(violates(AgreementRule.AmendmentNeedsReason))
                .expectNoEvents();
    }

    @Test
    void itemRemovedOnlyWithoutTasks() {
        fixture.given(drafting())
                .when(new RemoveItem(AGREEMENT, null, ITEM_1), SUPERVISOR)
                .expectException(violates(AgreementRule.ItemRemovedOnlyWithoutTasks))
                .expectNoEvents();
    }

    @Test
    void signingNeedsItems() {
        fixture.given(drafted())
                .when(new SignAgreement(AGREEMENT, null, Party.ISSUER, "李书记", SIGNED_ON), SUPERVISOR)
                .expectException(violates(AgreementRule.SigningNeedsItems))
                .expectNoEvents();
    }

    @Test
    void weightsSumToFullScore() {
        fixture.given(drafted(), itemAdded(ITEM_1, 60), itemAdded(ITEM_2, 30))
                .when(new SignAgreement(AGREEMENT, null, Party.ISSUER, "李书记", SIGNED_ON), SUPERVISOR)
                .expectException(violates(AgreementRule.WeightsSumToFullScore))
                .expectNoEvents();
    }

    @Test
    void weightsSumToFullScore_atAssessmentAfterAnUnbalancedAmendment() {
        fixture.given(inForce(new ResponsibilityItemChanged(AGREEMENT, ITEM_2, "组织建设", "改", 30, 40, "调整")))
                .when(assess(scores("55", "28")), SUPERVISOR)
                .expectException(violates(AgreementRule.WeightsSumToFullScore))
                .expectNoEvents();
    }

    @Test
    void eachPartySignsOnce() {
        fixture.given(drafting(signed(Party.RESPONSIBLE)))
                .when(new SignAgreement(AGREEMENT, null, Party.RESPONSIBLE, "王书记", SIGNED_ON), LEAD)
                .expectException(violates(AgreementRule.EachPartySignsOnce))
                .expectNoEvents();
    }

    @Test
    void taskIdUnique() {
        fixture.given(drafting())
                .when(planTask(TASK_1, ITEM_2, END), SUPERVISOR)
                .expectException(violates(AgreementRule.TaskIdUnique))
                .expectNoEvents();
    }

    @Test
    void taskForKnownItem() {
        fixture.given(drafting())
                .when(planTask(TASK_2, ResponsibilityItemId.of("item-9"), END), SUPERVISOR)
                .expectException(violates(AgreementRule.TaskForKnownItem))
                .expectNoEvents();
    }

    @Test
    void knownTask() {
        fixture.given(inForce(new TaskCancelled(AGREEMENT, TASK_1, ITEM_1, "取消")))
                .when(progress(TASK_1, 50, false), LEAD)
                .expectException(violates(AgreementRule.KnownTask))
                .expectNoEvents();
    }

    @Test
    void taskDueWithinPeriod() {
        fixture.given(drafting())
                .when(planTask(TASK_2, ITEM_2, END.plusDays(1)), SUPERVISOR)
                .expectException(violates(AgreementRule.TaskDueWithinPeriod))
                .expectNoEvents();
    }

    @Test
    void progressOnlyAfterSigning() {
        fixture.given(drafting(signed(Party.RESPONSIBLE)))
                .when(progress(TASK_1, 50, false), LEAD)
                .expectException(violates(AgreementRule.ProgressOnlyAfterSigning))
                .expectNoEvents();
    }

    @Test
    void progressPercentInRange() {
        fixture.given(inForce())
                .when(progress(TASK_1, 101, false), LEAD)
                .expectException(violates(AgreementRule.ProgressPercentInRange))
                .expectNoEvents();
    }

    @Test
    void completedTaskIsFinal() {
        fixture.given(inForce(new TaskProgressReported(AGREEMENT, TASK_1, ITEM_1, 100, "完成", TODAY, "lead"),
                        new TaskCompleted(AGREEMENT, TASK_1, ITEM_1, TODAY)))
                .when(progress(TASK_1, 80, false), LEAD)
                .expectException(violates(AgreementRule.CompletedTaskIsFinal))
                .expectNoEvents();
    }

    @Test
    void assessmentOnlyAfterSigning() {
        fixture.given(drafting(signed(Party.ISSUER)))
                .when(assess(scores("55", "38")), SUPERVISOR)
                .expectException(violates(AgreementRule.AssessmentOnlyAfterSigning))
                .expectNoEvents();
    }

    @Test
    void assessmentCoversEveryItem() {
        fixture.given(inForce())
                .when(assess(List.of(new ItemScore(ITEM_1, new BigDecimal("55"), "好"))), SUPERVISOR)
                .expectException(violates(AgreementRule.AssessmentCoversEveryItem))
                .expectNoEvents();
    }

    @Test
    void assessmentCoversEveryItem_noItemTwice() {
        fixture.given(inForce())
                .when(assess(List.of(new ItemScore(ITEM_1, BigDecimal.ONE, "a"), new ItemScore(ITEM_1, BigDecimal.ONE,
                        "b"), new ItemScore(ITEM_2, BigDecimal.ONE, "c"))), SUPERVISOR)
                .expectException(violates(AgreementRule.AssessmentCoversEveryItem))
                .expectNoEvents();
    }

    @Test
    void scoreWithinWeight() {
        fixture.given(inForce())
                .when(assess(scores("60.5", "38")), SUPERVISOR)
                .expectException(violates(AgreementRule.ScoreWithinWeight))
                .expectNoEvents();
    }

    @Test
    void reassessmentNeedsReason() {
        fixture.given(inForce(assessed(false, null)))
                .when(assess(scores("50", "38")), SUPERVISOR)
                .expectException(violates(AgreementRule.ReassessmentNeedsReason))
                .expectNoEvents();
    }

    @Test
    void archiveOnlyInForce() {
        fixture.given(drafting())
                .when(new ArchiveAgreement(AGREEMENT, null, TODAY), SUPERVISOR)
                .expectException(violates(AgreementRule.ArchiveOnlyInForce))
                .expectNoEvents();
    }

    @Test
    void archivedAgreementIsClosed() {
        fixture.given(inForce(new AgreementArchived(AGREEMENT, null, "supervisor", TODAY)))
                .when(progress(TASK_1, 50, false), LEAD)
                .expectException(violates(AgreementRule.ArchivedAgreementIsClosed))
                .expectNoEvents();
    }

    @Test
    void everyRuleHasATestNamedAfterIt() {
        Set<String> methods = Arrays.stream(ResponsibilityAgreementTest.class.getDeclaredMethods())
                .filter(m -> m.isAnnotationPresent(Test.class))
                .map(Method::getName)
                .collect(Collectors.toSet());
        for (AgreementRule rule : AgreementRule.values()) {
            String name = Character.toLowerCase(rule.name().charAt(0)) + rule.name().substring(1);
            assertThat(methods).as("a test named after %s", rule).contains(name);
        }
    }

    // ---------------------------------------------------------------------------------------------------
    // the lifecycle

    @Test
    void aDraftGetsItemsAndTasksWithoutReasons() {
        fixture.givenNoPriorActivity()
                .when(draft(START, END, COMMITTEE, BRANCH, 100), SUPERVISOR)
                .expectEvents(drafted());
        fixture.given(drafted())
                .when(addItem(ITEM_1, 60), SUPERVISOR)
                .expectEvents(itemAdded(ITEM_1, 60));
        fixture.given(drafting())
                .when(planTask(TASK_2, ITEM_2, END), SUPERVISOR)
                .expectEvents(new TaskPlanned(AGREEMENT, TASK_2, ITEM_2, "每季度开展一次主题党日活动", BRANCH, "张明", END,
                        null));
    }

    @Test
    void theSecondSignatureBringsTheAgreementIntoForce() {
        fixture.given(drafting())
                .when(new SignAgreement(AGREEMENT, null, Party.RESPONSIBLE, "王书记", SIGNED_ON), LEAD)
                .expectEvents(signed(Party.RESPONSIBLE));
        fixture.given(drafting(signed(Party.RESPONSIBLE)))
                .when(new SignAgreement(AGREEMENT, null, Party.ISSUER, "李书记", SIGNED_ON.plusDays(2)), SUPERVISOR)
                .expectEvents(new AgreementSigned(AGREEMENT, Party.ISSUER, "李书记", SIGNED_ON.plusDays(2), "supervisor"),
                        new AgreementCameIntoForce(AGREEMENT, SIGNED_ON.plusDays(2)));
    }

    @Test
    void amendmentsCarryTheirReason() {
        fixture.given(inForce())
                .when(new ChangeItem(AGREEMENT, null, ITEM_2, "宣传思想", "改", 40), because(SUPERVISOR, "年中调整"))
                .expectEvents(new ResponsibilityItemChanged(AGREEMENT, ITEM_2, "宣传思想", "改", 40, 40, "年中调整"));
        fixture.given(inForce())
                .when(new ChangeTask(AGREEMENT, null, TASK_1, "改", BRANCH, "李华", END), because(LEAD, "人员调整"))
                .expectEvents(new TaskChanged(AGREEMENT, TASK_1, ITEM_1, "改", BRANCH, "李华", END, "人员调整"));
        fixture.given(inForce())
                .when(new CancelTask(AGREEMENT, null, TASK_1), because(LEAD, "并入其他任务"))
                .expectEvents(new TaskCancelled(AGREEMENT, TASK_1, ITEM_1, "并入其他任务"));
    }

    @Test
    void aCompletingReportCompletesTheTask() {
        fixture.given(inForce())
                .when(progress(TASK_1, 100, true), LEAD)
                .expectEvents(new TaskProgressReported(AGREEMENT, TASK_1, ITEM_1, 100, "已开展两次主题党日活动", TODAY,
                                "lead"),
                        new TaskCompleted(AGREEMENT, TASK_1, ITEM_1, TODAY));
    }

    @Test
    void assessmentTotalsTheScoresAndAReassessmentKeepsItsReason() {
        fixture.given(inForce())
                .when(assess(scores("55", "38")), SUPERVISOR)
                .expectEvents(assessed(false, null));
        fixture.given(inForce(assessed(false, null)))
                .when(assess(scores("55", "38")), because(SUPERVISOR, "复核"))
                .expectEvents(assessed(true, "复核"));
    }

    @Test
    void anAgreementInForceIsArchived() {
        fixture.given(inForce(assessed(false, null)))
                .when(new ArchiveAgreement(AGREEMENT, null, TODAY), because(SUPERVISOR, "年度结束"))
                .expectEvents(new AgreementArchived(AGREEMENT, "年度结束", "supervisor", TODAY));
    }
}
