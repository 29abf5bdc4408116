package org.ledger.command.rectification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ledger.command.RuleMatchers.actor;
import static org.ledger.command.RuleMatchers.violates;

import java.lang.reflect.Method;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.ledger.command.access.AccessFixtures;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.ledger.kernel.issue.IssueId;
import org.ledger.kernel.rectification.EvidenceId;
import org.ledger.kernel.rectification.ExtensionRequestId;
import org.ledger.kernel.rectification.RectificationCommands.ApproveExtension;
import org.ledger.kernel.rectification.RectificationCommands.ApprovePlan;
import org.ledger.kernel.rectification.RectificationCommands.AttachEvidence;
import org.ledger.kernel.rectification.RectificationCommands.RejectExtension;
import org.ledger.kernel.rectification.RectificationCommands.ReopenRectification;
import org.ledger.kernel.rectification.RectificationCommands.ReportProgress;
import org.ledger.kernel.rectification.RectificationCommands.RequestClosure;
import org.ledger.kernel.rectification.RectificationCommands.RequestExtension;
import org.ledger.kernel.rectification.RectificationCommands.ReturnPlan;
import org.ledger.kernel.rectification.RectificationCommands.RevisePlan;
import org.ledger.kernel.rectification.RectificationCommands.VerifyClosure;
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
import org.ledger.kernel.rectification.VerificationOutcome;
import org.ledger.kernel.unit.UnitId;

/**
 * The rectification item aggregate: one test per {@link RectificationRule}, named after it, plus the paths users
 * walk. Its stream starts with {@code RectificationPlanned}, given as a past event (the issue spawns it).
 */
class RectificationItemTest {

    static final RectificationId ITEM = RectificationId.of("rect-1");
    static final IssueId ISSUE = IssueId.of("issue-1");
    static final UnitId BRANCH = UnitId.of("branch-1");
    static final LocalDate PLANNED_ON = LocalDate.of(2025, 3, 20);
    static final LocalDate DEADLINE = LocalDate.of(2025, 6, 30);
    static final LocalDate TODAY = LocalDate.of(2025, 5, 15);
    static final EvidenceId PHOTO = EvidenceId.of("ev-photo");
    static final EvidenceId MINUTES = EvidenceId.of("ev-minutes");
    static final ExtensionRequestId EXT_1 = ExtensionRequestId.of("ext-1");
    static final ExtensionRequestId EXT_2 = ExtensionRequestId.of("ext-2");
    static final String MEASURE = "利用党员微信群对在册流动党员进行管理";
    static final String TARGET = "流动党员全部纳入微信群管理";

    /** The branch secretary who owns the measure. */
    static final Map<String, Object> LEAD = actor("lead", "branch-1");
    /** Another member of the same branch. */
    static final Map<String, Object> DEPUTY = actor("deputy", "branch-1");
    /** Staff of the supervising community committee. */
    static final Map<String, Object> SUPERVISOR = actor("supervisor", "committee");

    private FixtureConfiguration<RectificationItem> fixture;

    @BeforeEach
    void setUp() {
        fixture = AccessFixtures.install(new AggregateTestFixture<>(RectificationItem.class));
        // approval, extension, verification and reopening (re)schedule warnings (RectificationDeadlinesTest)
        fixture.registerInjectableResource(new WarningPolicy(20, 10, java.time.ZoneId.of("Asia/Shanghai")));
    }

    // ---------------------------------------------------------------------------------------------------
    // histories

    static RectificationPlanned planned(RectificationType type) {
        return new RectificationPlanned(ITEM, ISSUE, MEASURE, type, BRANCH, "王书记", "李主任", DEADLINE, TARGET,
                "lead", PLANNED_ON);
    }

    static RectificationPlanApproved approved() {
        return new RectificationPlanApproved(ITEM, "同意", "supervisor");
    }

    static EvidenceAttached attached(EvidenceId id) {
        return new EvidenceAttached(ITEM, id, "微信群截图.png", "image/png", 20_480L,
                "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
    }

    static ClosureRequested closureRequested(String by) {
        return new ClosureRequested(ITEM, "流动党员已全部入群并定期参加线上学习", List.of(PHOTO), by, TODAY);
    }

    static ExtensionRequested extensionRequested(ExtensionRequestId id, LocalDate proposed, String by) {
        return new ExtensionRequested(ITEM, id, "外出党员春节后才返回，需延期", proposed, by, TODAY);
    }

    /** Planned (within deadline) and approved: IN_PROGRESS. */
    static List<Object> inProgress(Object... more) {
        return history(RectificationType.WITHIN_DEADLINE, more);
    }

    /** Planned with the given type, approved, then {@code more}. */
    static List<Object> history(RectificationType type, Object... more) {
        List<Object> events = new ArrayList<>(List.of(planned(type), approved()));
        events.addAll(Arrays.asList(more));
        return events;
    }

    /** In progress, photo attached, closure requested by the lead. */
    static List<Object> closureRequestedHistory(RectificationType type) {
        return history(type, attached(PHOTO), closureRequested("lead"));
    }

    /** Closed (销号) after verification by the supervisor. */
    static List<Object> closedHistory() {
        return history(RectificationType.WITHIN_DEADLINE, attached(PHOTO), closureRequested("lead"),
                new RectificationClosed(ITEM, ISSUE, "核查属实，同意销号", "supervisor", TODAY));
    }

    static List<Object> ongoingHistory() {
        return history(RectificationType.LONG_TERM, attached(PHOTO), closureRequested("lead"),
                new RectificationDeclaredOngoing(ITEM, ISSUE, "长效机制已建立", "supervisor", TODAY));
    }

    static RevisePlan revise(LocalDate deadline, LocalDate revisedOn) {
        return new RevisePlan(ITEM, null, MEASURE + "，并建立联系台账", RectificationType.WITHIN_DEADLINE, BRANCH, "王书记",
                "李主任", deadline, TARGET, revisedOn);
    }

    static VerifyClosure verify(VerificationOutcome outcome) {
        return new VerifyClosure(ITEM, null, outcome, "核查意见", TODAY);
    }

    static RequestClosure requestClosure(List<EvidenceId> evidence) {
        return new RequestClosure(ITEM, null, "流动党员已全部入群并定期参加线上学习", evidence, TODAY);
    }

    // ---------------------------------------------------------------------------------------------------
    // one test per rule

    @Test
    void deadlineNotInPast() {
        fixture.given(planned(RectificationType.WITHIN_DEADLINE))
                .when(revise(PLANNED_ON.minusDays(1), PLANNED_ON), LEAD)
                .expectException(violates(RectificationRule.DeadlineNotInPast))
                .expectNoEvents();
    }

    @Test
    void deadlineNotInPast_onReopening() {
        fixture.given(closedHistory())
                .when(new ReopenRectification(ITEM, null, "回头看发现问题反弹", TODAY.minusDays(1), "lb-1", TODAY),
                        SUPERVISOR)
                .expectException(violates(RectificationRule.DeadlineNotInPast))
                .expectNoEvents();
    }

    @Test
    void planRevisableOnlyBeforeApproval() {
        fixture.given(inProgress())
                .when(revise(DEADLINE, TODAY), LEAD)
                .expectException(violates(RectificationRule.PlanRevisableOnlyBeforeApproval))
                .expectNoEvents();
    }

    @Test
    void planMustAwaitApproval() {
        fixture.given(inProgress())
                .when(new ApprovePlan(ITEM, null, "同意"), SUPERVISOR)
                .expectException(violates(RectificationRule.PlanMustAwaitApproval))
                .expectNoEvents();
    }

    @Test
    void planMustAwaitApproval_returnedPlanIsNotReturnedAgain() {
        fixture.given(planned(RectificationType.WITHIN_DEADLINE),
                        new RectificationPlanReturned(ITEM, "措施不具体", "supervisor"))
                .when(new ReturnPlan(ITEM, null, "仍不具体"), SUPERVISOR)
                .expectException(violates(RectificationRule.PlanMustAwaitApproval))
                .expectNoEvents();
    }

    @Test
    void progressOnlyWhileInProgress() {
        fixture.given(planned(RectificationType.WITHIN_DEADLINE))
                .when(new ReportProgress(ITEM, null, 10, "已建群", List.of(), TODAY), LEAD)
                .expectException(violates(RectificationRule.ProgressOnlyWhileInProgress))
                .expectNoEvents();
    }

    @Test
    void closedItemIsFinal() {
        fixture.given(closedHistory())
                .when(new AttachEvidence(ITEM, null, MINUTES, "会议记录.pdf", "application/pdf", 1024L, "ab".repeat(32)),
                        LEAD)
                .expectException(violates(RectificationRule.ClosedItemIsFinal))
                .expectNoEvents();
    }

    @Test
    void closedItemIsFinal_noProgress() {
        fixture.given(closedHistory())
                .when(new ReportProgress(ITEM, null, 100, "补充进展", List.of(), TODAY), LEAD)
                .expectException(violates(RectificationRule.ClosedItemIsFinal))
                .expectNoEvents();
    }

    /**
     * An extension that was still pending when the item was closed must not move the deadline of the closed item.
     */
    @Test
    void closedItemIsFinal_noDecisionOnAPendingExtension() {
        fixture.given(inProgress(extensionRequested(EXT_1, DEADLINE.plusMonths(1), "lead"), attached(PHOTO),
                        closureRequested("lead"),
                        new RectificationClosed(ITEM, ISSUE, "核查属实，同意销号", "supervisor", TODAY)))
                .when(new ApproveExtension(ITEM, null, EXT_1, null, "同意"), SUPERVISOR)
                .expectException(violates(RectificationRule.ClosedItemIsFinal))
                .expectNoEvents();
    }

    @Test
    void evidenceIdUnique() {
        fixture.given(inProgress(attached(PHOTO)))
                .when(new AttachEvidence(ITEM, null, PHOTO, "另一张截图.png", "image/png", 1L, "cd".repeat(32)), LEAD)
                .expectException(violates(RectificationRule.EvidenceIdUnique))
                .expectNoEvents();
    }

    @Test
    void evidenceMustBeAttached() {
        fixture.given(inProgress(attached(PHOTO)))
                .when(new ReportProgress(ITEM, null, 50, "过半党员已入群", List.of(PHOTO, MINUTES), TODAY), LEAD)
                .expectException(violates(RectificationRule.EvidenceMustBeAttached))
                .expectNoEvents();
    }

    @Test
    void evidenceMustBeAttached_forClosure() {
        fixture.given(inProgress(attached(PHOTO)))
                .when(requestClosure(List.of(MINUTES)), LEAD)
                .expectException(violates(RectificationRule.EvidenceMustBeAttached))
                .expectNoEvents();
    }

    @Test
    void extensionOnlyWhileInProgress() {
        fixture.given(planned(RectificationType.WITHIN_DEADLINE))
                .when(new RequestExtension(ITEM, null, EXT_1, "人员不足", DEADLINE.plusMonths(1), TODAY), LEAD)
                .expectException(violates(RectificationRule.ExtensionOnlyWhileInProgress))
                .expectNoEvents();
    }

    @Test
    void extensionBeforeDeadline() {
        fixture.given(inProgress())
                .when(new RequestExtension(ITEM, null, EXT_1, "人员不足", DEADLINE.plusMonths(1), DEADLINE.plusDays(1)),
                        LEAD)
                .expectException(violates(RectificationRule.ExtensionBeforeDeadline))
                .expectNoEvents();
    }

    @Test
    void extensionMustMoveDeadlineLater() {
        fixture.given(inProgress())
                .when(new RequestExtension(ITEM, null, EXT_1, "人员不足", DEADLINE, TODAY), LEAD)
                .expectException(violates(RectificationRule.ExtensionMustMoveDeadlineLater))
                .expectNoEvents();
    }

    @Test
    void extensionMustMoveDeadlineLater_onApproval() {
        fixture.given(inProgress(extensionRequested(EXT_1, DEADLINE.plusMonths(2), "lead")))
                .when(new ApproveExtension(ITEM, null, EXT_1, DEADLINE.minusDays(1), "只能提前"), SUPERVISOR)
                .expectException(violates(RectificationRule.ExtensionMustMoveDeadlineLater))
                .expectNoEvents();
    }

    @Test
    void oneExtensionPendingAtATime() {
        fixture.given(inProgress(extensionRequested(EXT_1, DEADLINE.plusMonths(1), "lead")))
                .when(new RequestExtension(ITEM, null, EXT_2, "再次申请", DEADLINE.plusMonths(2), TODAY), LEAD)
                .expectException(violates(RectificationRule.OneExtensionPendingAtATime))
                .expectNoEvents();
    }

    @Test
    void unknownExtensionRequest() {
        fixture.given(inProgress(extensionRequested(EXT_1, DEADLINE.plusMonths(1), "lead")))
                .when(new ApproveExtension(ITEM, null, EXT_2, null, "同意"), SUPERVISOR)
                .expectException(violates(RectificationRule.UnknownExtensionRequest))
                .expectNoEvents();
    }

    @Test
    void unknownExtensionRequest_alreadyDecided() {
        fixture.given(inProgress(extensionRequested(EXT_1, DEADLINE.plusMonths(1), "lead"),
                        new ExtensionRejected(ITEM, EXT_1, "理由不充分", "supervisor")))
                .when(new RejectExtension(ITEM, null, EXT_1, "再次驳回"), SUPERVISOR)
                .expectException(violates(RectificationRule.UnknownExtensionRequest))
                .expectNoEvents();
    }

    @Test
    void noSelfDecisionOnExtension() {
        fixture.given(inProgress(extensionRequested(EXT_1, DEADLINE.plusMonths(1), "lead")))
                .when(new ApproveExtension(ITEM, null, EXT_1, null, "自己批准"), LEAD)
                .expectException(violates(RectificationRule.NoSelfDecisionOnExtension))
                .expectNoEvents();
    }

    @Test
    void noSelfDecisionOnExtension_rejection() {
        fixture.given(inProgress(extensionRequested(EXT_1, DEADLINE.plusMonths(1), "lead")))
                .when(new RejectExtension(ITEM, null, EXT_1, "撤回"), LEAD)
                .expectException(violates(RectificationRule.NoSelfDecisionOnExtension))
                .expectNoEvents();
    }

    @Test
    void closureOnlyWhileInProgress() {
        fixture.given(planned(RectificationType.WITHIN_DEADLINE), attached(PHOTO))
                .when(requestClosure(List.of(PHOTO)), LEAD)
                .expectException(violates(RectificationRule.ClosureOnlyWhileInProgress))
                .expectNoEvents();
    }

    @Test
    void closureNeedsEvidence() {
        fixture.given(inProgress(attached(PHOTO)))
                .when(requestClosure(List.of()), LEAD)
                .expectException(violates(RectificationRule.ClosureNeedsEvidence))
                .expectNoEvents();
    }

    @Test
    void closureNeedsEvidence_nullList() {
        fixture.given(inProgress(attached(PHOTO)))
                .when(requestClosure(null), LEAD)
                .expectException(violates(RectificationRule.ClosureNeedsEvidence))
                .expectNoEvents();
    }

    @Test
    void verificationNeedsClosureRequest() {
        fixture.given(inProgress(attached(PHOTO)))
                .when(verify(VerificationOutcome.CLOSED), SUPERVISOR)
                .expectException(violates(RectificationRule.VerificationNeedsClosureRequest))
                .expectNoEvents();
    }

    @Test
    void verifierMustNotBeRequester() {
        fixture.given(closureRequestedHistory(RectificationType.WITHIN_DEADLINE))
                .when(verify(VerificationOutcome.CLOSED), LEAD)
                .expectException(violates(RectificationRule.VerifierMustNotBeRequester))
                .expectNoEvents();
    }

    @Test
    void ongoingOnlyForLongTerm() {
        fixture.given(closureRequestedHistory(RectificationType.WITHIN_DEADLINE))
                .when(verify(VerificationOutcome.ONGOING), SUPERVISOR)
                .expectException(violates(RectificationRule.OngoingOnlyForLongTerm))
                .expectNoEvents();
    }

    @Test
    void reopenOnlyClosed() {
        fixture.given(inProgress())
                .when(new ReopenRectification(ITEM, null, "回头看", DEADLINE, "lb-1", TODAY), SUPERVISOR)
                .expectException(violates(RectificationRule.ReopenOnlyClosed))
                .expectNoEvents();
    }

    /** Guards the convention of this class: a new rule without a test named after it fails the build. */
    @Test
    void everyRuleHasATestNamedAfterIt() {
        Set<String> methods = Arrays.stream(RectificationItemTest.class.getDeclaredMethods())
                .filter(m -> m.isAnnotationPresent(Test.class))
                .map(Method::getName)
                .collect(Collectors.toSet());
        for (RectificationRule rule : RectificationRule.values()) {
            String name = Character.toLowerCase(rule.name().charAt(0)) + rule.name().substring(1);
            assertThat(methods).as("a test named after %s", rule).contains(name);
        }
    }

    // ---------------------------------------------------------------------------------------------------
    // the lifecycle

    @Nested
    class Plan {

        @Test
        void supervisorApprovesThePlan() {
            fixture.given(planned(RectificationType.WITHIN_DEADLINE))
                    .when(new ApprovePlan(ITEM, null, "同意"), SUPERVISOR)
                    .expectEvents(approved());
        }

        @Test
        void supervisorReturnsThePlan() {
            fixture.given(planned(RectificationType.WITHIN_DEADLINE))
                    .when(new ReturnPlan(ITEM, null, "措施不具体"), SUPERVISOR)
                    .expectEvents(new RectificationPlanReturned(ITEM, "措施不具体", "supervisor"));
        }

        @Test
        void returnedPlanIsRevisedAndApproved() {
            fixture.given(planned(RectificationType.WITHIN_DEADLINE),
                            new RectificationPlanReturned(ITEM, "措施不具体", "supervisor"))
                    .andGivenCommands(revise(DEADLINE.plusDays(10), PLANNED_ON))
                    .when(new ApprovePlan(ITEM, null, "同意"), SUPERVISOR)
                    .expectEvents(approved());
        }

        @Test
        void revisionOfAReturnedPlan() {
            fixture.given(planned(RectificationType.WITHIN_DEADLINE),
                            new RectificationPlanReturned(ITEM, "措施不具体", "supervisor"))
                    .when(revise(DEADLINE.plusDays(10), PLANNED_ON), LEAD)
                    .expectEvents(new RectificationPlanRevised(ITEM, MEASURE + "，并建立联系台账",
                            RectificationType.WITHIN_DEADLINE, BRANCH, "王书记", "李主任", DEADLINE.plusDays(10),
                            TARGET));
        }
    }

    @Nested
    class Progress {

        @Test
        void progressWithAttachedEvidence() {
            fixture.given(inProgress(attached(PHOTO)))
                    .when(new ReportProgress(ITEM, null, 60, "已有60%流动党员入群", List.of(PHOTO), TODAY), LEAD)
                    .expectEvents(new ProgressReported(ITEM, 60, "已有60%流动党员入群", List.of(PHOTO), TODAY));
        }

        @Test
        void progressWithoutEvidence() {
            fixture.given(inProgress())
                    .when(new ReportProgress(ITEM, null, 10, "已建群", null, TODAY), LEAD)
                    .expectEvents(new ProgressReported(ITEM, 10, "已建群", List.of(), TODAY));
        }

        @Test
        void evidenceIsAttached() {
            fixture.given(inProgress())
                    .when(new AttachEvidence(ITEM, null, PHOTO, "微信群截图.png", "image/png", 20_480L,
                            "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"), LEAD)
                    .expectEvents(attached(PHOTO));
        }

        @Test
        void ongoingItemKeepsReporting() {
            fixture.given(ongoingHistory())
                    .when(new ReportProgress(ITEM, null, 100, "第二季度定期报告", List.of(PHOTO), TODAY), LEAD)
                    .expectEvents(new ProgressReported(ITEM, 100, "第二季度定期报告", List.of(PHOTO), TODAY));
        }
    }

    @Nested
    class Extension {

        @Test
        void extensionIsRequested() {
            fixture.given(inProgress())
                    .when(new RequestExtension(ITEM, null, EXT_1, "外出党员春节后才返回，需延期", DEADLINE.plusMonths(1),
                            TODAY), LEAD)
                    .expectEvents(extensionRequested(EXT_1, DEADLINE.plusMonths(1), "lead"));
        }

        @Test
        void extensionMayBeRequestedOnTheDeadlineItself() {
            fixture.given(inProgress())
                    .when(new RequestExtension(ITEM, null, EXT_1, "人员不足", DEADLINE.plusMonths(1), DEADLINE), LEAD)
                    .expectEvents(new ExtensionRequested(ITEM, EXT_1, "人员不足", DEADLINE.plusMonths(1), "lead",
                            DEADLINE));
        }

        @Test
        void approvalKeepsTheOriginalDeadlineAsPrevious() {
            fixture.given(inProgress(extensionRequested(EXT_1, DEADLINE.plusMonths(1), "lead")))
                    .when(new ApproveExtension(ITEM, null, EXT_1, null, "同意延期"), SUPERVISOR)
                    .expectEvents(new ExtensionApproved(ITEM, EXT_1, DEADLINE.plusMonths(1), DEADLINE, "同意延期",
                            "supervisor"));
        }

        @Test
        void approvalWithAnotherDate() {
            fixture.given(inProgress(extensionRequested(EXT_1, DEADLINE.plusMonths(2), "lead")))
                    .when(new ApproveExtension(ITEM, null, EXT_1, DEADLINE.plusMonths(1), "延期一个月"), SUPERVISOR)
                    .expectEvents(new ExtensionApproved(ITEM, EXT_1, DEADLINE.plusMonths(1), DEADLINE, "延期一个月",
                            "supervisor"));
        }

        @Test
        void approvedExtensionMovesTheEffectiveDeadline() {
            // after the original deadline but before the extended one: a further extension may be requested
            fixture.given(inProgress(extensionRequested(EXT_1, DEADLINE.plusMonths(1), "lead")))
                    .andGivenCommands(new ApproveExtension(ITEM, null, EXT_1, null, "同意延期"))
                    .when(new RequestExtension(ITEM, null, EXT_2, "再延期", DEADLINE.plusMonths(2),
                            DEADLINE.plusDays(5)), LEAD)
                    .expectEvents(new ExtensionRequested(ITEM, EXT_2, "再延期", DEADLINE.plusMonths(2), "lead",
                            DEADLINE.plusDays(5)));
        }

        @Test
        void extensionRejected() {
            fixture.given(inProgress(extensionRequested(EXT_1, DEADLINE.plusMonths(1), "lead")))
                    .when(new RejectExtension(ITEM, null, EXT_1, "理由不充分"), SUPERVISOR)
                    .expectEvents(new ExtensionRejected(ITEM, EXT_1, "理由不充分", "supervisor"));
        }

        @Test
        void afterARejectionANewRequestMayBeMade() {
            fixture.given(inProgress(extensionRequested(EXT_1, DEADLINE.plusMonths(1), "lead"),
                            new ExtensionRejected(ITEM, EXT_1, "理由不充分", "supervisor")))
                    .when(new RequestExtension(ITEM, null, EXT_2, "补充理由", DEADLINE.plusMonths(1), TODAY), LEAD)
                    .expectEvents(new ExtensionRequested(ITEM, EXT_2, "补充理由", DEADLINE.plusMonths(1), "lead",
                            TODAY));
        }
    }

    @Nested
    class ClosureAndVerification {

        @Test
        void closureIsRequested() {
            fixture.given(inProgress(attached(PHOTO)))
                    .when(requestClosure(List.of(PHOTO)), LEAD)
                    .expectEvents(closureRequested("lead"));
        }

        @Test
        void verifiedClosed() {
            fixture.given(closureRequestedHistory(RectificationType.WITHIN_DEADLINE))
                    .when(new VerifyClosure(ITEM, null, VerificationOutcome.CLOSED, "核查属实，同意销号", TODAY),
                            SUPERVISOR)
                    .expectEvents(new RectificationClosed(ITEM, ISSUE, "核查属实，同意销号", "supervisor", TODAY));
        }

        @Test
        void verifiedOngoingForLongTerm() {
            fixture.given(closureRequestedHistory(RectificationType.LONG_TERM))
                    .when(new VerifyClosure(ITEM, null, VerificationOutcome.ONGOING, "长效机制已建立", TODAY),
                            SUPERVISOR)
                    .expectEvents(new RectificationDeclaredOngoing(ITEM, ISSUE, "长效机制已建立", "supervisor", TODAY));
        }

        @Test
        void verifiedReturned() {
            fixture.given(closureRequestedHistory(RectificationType.WITHIN_DEADLINE))
                    .when(new VerifyClosure(ITEM, null, VerificationOutcome.RETURNED, "佐证材料不足", TODAY),
                            SUPERVISOR)
                    .expectEvents(new ClosureReturned(ITEM, "佐证材料不足", "supervisor", RectificationStatus.IN_PROGRESS));
        }

        @Test
        void returnedClosureIsInProgressAgain() {
            fixture.given(closureRequestedHistory(RectificationType.WITHIN_DEADLINE))
                    .andGiven(new ClosureReturned(ITEM, "佐证材料不足", "supervisor", RectificationStatus.IN_PROGRESS))
                    .when(new ReportProgress(ITEM, null, 90, "补充材料", List.of(PHOTO), TODAY), LEAD)
                    .expectEvents(new ProgressReported(ITEM, 90, "补充材料", List.of(PHOTO), TODAY));
        }

        @Test
        void verifierRuleIsAboutThePersonNotTheUnit() {
            // "from the supervising side" is a matter of roles and scope (DESIGN.md §6), checked before the command
            // reaches the aggregate; the aggregate itself only refuses the requester in person
            fixture.given(closureRequestedHistory(RectificationType.WITHIN_DEADLINE))
                    .when(verify(VerificationOutcome.CLOSED), DEPUTY)
                    .expectEvents(new RectificationClosed(ITEM, ISSUE, "核查意见", "deputy", TODAY));
        }

        @Test
        void returnedClosureOfAnOngoingItemKeepsItOngoing() {
            // a long-term measure stays ONGOING (and its issue keeps counting it as done) when a later closure
            // request is sent back
            fixture.given(ongoingHistory())
                    .andGiven(closureRequested("lead"))
                    .when(new VerifyClosure(ITEM, null, VerificationOutcome.RETURNED, "长效机制仍需巩固", TODAY),
                            SUPERVISOR)
                    .expectEvents(new ClosureReturned(ITEM, "长效机制仍需巩固", "supervisor",
                            RectificationStatus.ONGOING));
        }

        @Test
        void anUndecidedExtensionLapsesWithTheClosure() {
            // closed with a request still pending, then reopened: a fresh request is not blocked by the old one
            LocalDate newDeadline = DEADLINE.plusMonths(3);
            fixture.given(history(RectificationType.WITHIN_DEADLINE, attached(PHOTO),
                            extensionRequested(EXT_1, DEADLINE.plusMonths(1), "lead"), closureRequested("lead"),
                            new RectificationClosed(ITEM, ISSUE, "核查属实，同意销号", "supervisor", TODAY),
                            new RectificationReopened(ITEM, ISSUE, "回头看发现问题反弹", newDeadline, "lb-1",
                                    "supervisor", TODAY)))
                    .when(new RequestExtension(ITEM, null, EXT_2, "人员不足", newDeadline.plusMonths(1), TODAY), LEAD)
                    .expectEvents(new ExtensionRequested(ITEM, EXT_2, "人员不足", newDeadline.plusMonths(1), "lead",
                            TODAY));
        }

        @Test
        void ongoingItemMayLaterBeClosed() {
            fixture.given(ongoingHistory())
                    .andGiven(closureRequested("lead"))
                    .when(verify(VerificationOutcome.CLOSED), SUPERVISOR)
                    .expectEvents(new RectificationClosed(ITEM, ISSUE, "核查意见", "supervisor", TODAY));
        }
    }

    @Nested
    class Reopening {

        @Test
        void closedItemIsReopened() {
            fixture.given(closedHistory())
                    .when(new ReopenRectification(ITEM, null, "回头看发现问题反弹", DEADLINE.plusMonths(3), "lb-1", TODAY),
                            SUPERVISOR)
                    .expectEvents(new RectificationReopened(ITEM, ISSUE, "回头看发现问题反弹", DEADLINE.plusMonths(3),
                            "lb-1", "supervisor", TODAY));
        }

        @Test
        void ongoingItemIsReopened() {
            fixture.given(ongoingHistory())
                    .when(new ReopenRectification(ITEM, null, "长效机制未落实", DEADLINE.plusMonths(3), null, TODAY),
                            SUPERVISOR)
                    .expectEvents(new RectificationReopened(ITEM, ISSUE, "长效机制未落实", DEADLINE.plusMonths(3), null,
                            "supervisor", TODAY));
        }

        @Test
        void reopenedItemTakesProgressAndIsClosedAgain() {
            fixture.given(closedHistory())
                    .andGiven(new RectificationReopened(ITEM, ISSUE, "回头看发现问题反弹", DEADLINE.plusMonths(3), "lb-1",
                            "supervisor", TODAY))
                    .andGivenCommands(new ReportProgress(ITEM, null, 100, "已重新整改", List.of(PHOTO), TODAY))
                    .andGivenCommands(requestClosure(List.of(PHOTO)))
                    .when(verify(VerificationOutcome.CLOSED), SUPERVISOR)
                    .expectEvents(new RectificationClosed(ITEM, ISSUE, "核查意见", "supervisor", TODAY));
        }

        @Test
        void reopeningSetsTheNewDeadline() {
            // the reopened item's deadline is the new one: an extension must move beyond it
            LocalDate newDeadline = DEADLINE.plusMonths(3);
            fixture.given(closedHistory())
                    .andGiven(new RectificationReopened(ITEM, ISSUE, "回头看发现问题反弹", newDeadline, "lb-1",
                            "supervisor", TODAY))
                    .when(new RequestExtension(ITEM, null, EXT_1, "人员不足", newDeadline, DEADLINE.plusDays(1)), LEAD)
                    .expectException(violates(RectificationRule.ExtensionMustMoveDeadlineLater))
                    .expectNoEvents();
        }
    }
}
