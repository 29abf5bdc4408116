package org.ledger.command.issue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ledger.command.RuleMatchers.actor;
import static org.ledger.command.RuleMatchers.violates;

import java.lang.reflect.Method;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.ledger.command.access.AccessFixtures;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.ledger.kernel.issue.IssueCommands.AcknowledgeIssue;
import org.ledger.kernel.issue.IssueCommands.DismissIssue;
import org.ledger.kernel.issue.IssueCommands.PlanRectification;
import org.ledger.kernel.issue.IssueCommands.RecordRectificationOutcome;
import org.ledger.kernel.issue.IssueCommands.RecordRootCause;
import org.ledger.kernel.issue.IssueCommands.RegisterIssue;
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
import org.ledger.kernel.issue.ResponsibilityItemRef;
import org.ledger.kernel.issue.Severity;
import org.ledger.kernel.rectification.RectificationEvents.RectificationPlanned;
import org.ledger.kernel.rectification.RectificationId;
import org.ledger.kernel.rectification.RectificationOutcome;
import org.ledger.kernel.rectification.RectificationType;
import org.ledger.kernel.unit.UnitId;

/** The issue aggregate: one test per {@link IssueRule}, named after it, plus the paths users walk. */
class IssueTest {

    static final IssueId ISSUE = IssueId.of("issue-1");
    static final RectificationId ITEM_1 = RectificationId.of("rect-1");
    static final RectificationId ITEM_2 = RectificationId.of("rect-2");
    static final UnitId BRANCH = UnitId.of("branch-1");
    static final UnitId COMMITTEE = UnitId.of("committee");
    static final LocalDate FOUND_ON = LocalDate.of(2025, 3, 10);
    static final LocalDate TODAY = LocalDate.of(2025, 3, 20);
    static final LocalDate DEADLINE = LocalDate.of(2025, 6, 30);

    /** The branch secretary of the responsible unit. */
    static final Map<String, Object> LEAD = actor("lead", "branch-1");
    /** Staff of the community committee that raised the issue. */
    static final Map<String, Object> SUPERVISOR = actor("supervisor", "committee");

    static final String ANALYSIS_1 = "对流动党员分类施策不够，管理方法跟不上党员结构变化。";
    static final String ANALYSIS_2 = "党员结构多样化，教育管理内容与形式未及时更新；支部书记履责意识不强。";

    private FixtureConfiguration<Issue> fixture;

    @BeforeEach
    void setUp() {
        fixture = AccessFixtures.install(new AggregateTestFixture<>(Issue.class));
    }

    // ---------------------------------------------------------------------------------------------------
    // samples

    static RegisterIssue register() {
        return new RegisterIssue(ISSUE, "流动党员管理存在欠缺", "对外出务工、经商、工作的党员管理不是很到位，督促参加学习教育不够。",
                IssueSource.INSPECTION, "2025年第一批专项督查", "党员管理", Severity.MAJOR, BRANCH, COMMITTEE, FOUND_ON,
                new ResponsibilityItemRef("agreement-2025", "item-3"));
    }

    static IssueRegistered registered() {
        return new IssueRegistered(ISSUE, "流动党员管理存在欠缺", "对外出务工、经商、工作的党员管理不是很到位，督促参加学习教育不够。",
                IssueSource.INSPECTION, "2025年第一批专项督查", "党员管理", Severity.MAJOR, BRANCH, COMMITTEE, FOUND_ON,
                new ResponsibilityItemRef("agreement-2025", "item-3"));
    }

    static IssueAcknowledged acknowledged() {
        return new IssueAcknowledged(ISSUE, "lead", "已签收");
    }

    static PlanRectification plan(RectificationId id, RectificationType type, LocalDate deadline) {
        return new PlanRectification(ISSUE, null, id, "利用党员微信群对在册流动党员进行管理", type, BRANCH, "王书记", "李主任",
                deadline, "流动党员全部纳入微信群管理", TODAY);
    }

    static RectificationPlanned planned(RectificationId id, RectificationType type, LocalDate deadline) {
        return new RectificationPlanned(id, ISSUE, "利用党员微信群对在册流动党员进行管理", type, BRANCH, "王书记", "李主任",
                deadline, "流动党员全部纳入微信群管理", "lead", TODAY);
    }

    static RecordRectificationOutcome outcome(RectificationId id, RectificationOutcome outcome) {
        return new RecordRectificationOutcome(ISSUE, id, outcome,
                outcome == RectificationOutcome.REOPENED ? "回头看发现问题反弹" : null);
    }

    static RectificationOutcomeRecorded outcomeRecorded(RectificationId id, RectificationOutcome outcome) {
        return new RectificationOutcomeRecorded(ISSUE, id, outcome);
    }

    // ---------------------------------------------------------------------------------------------------
    // one test per rule

    @Test
    void dismissedIssueIsClosed() {
        fixture.given(registered(), new IssueDismissed(ISSUE, "重复登记", "supervisor"))
                .when(new AcknowledgeIssue(ISSUE, null, "签收"), LEAD)
                .expectException(violates(IssueRule.DismissedIssueIsClosed))
                .expectNoEvents();
    }

    @Test
    void dismissedIssueIsClosed_noRootCause() {
        fixture.given(registered(), acknowledged(), new IssueDismissed(ISSUE, "重复登记", "supervisor"))
                .when(new RecordRootCause(ISSUE, null, ANALYSIS_1), LEAD)
                .expectException(violates(IssueRule.DismissedIssueIsClosed))
                .expectNoEvents();
    }

    @Test
    void dismissedIssueIsClosed_noSecondDismissal() {
        fixture.given(registered(), new IssueDismissed(ISSUE, "重复登记", "supervisor"))
                .when(new DismissIssue(ISSUE, null, "再次撤销"), SUPERVISOR)
                .expectException(violates(IssueRule.DismissedIssueIsClosed))
                .expectNoEvents();
    }

    @Test
    void acknowledgeOnlyOnce() {
        fixture.given(registered(), acknowledged())
                .when(new AcknowledgeIssue(ISSUE, null, "再次签收"), LEAD)
                .expectException(violates(IssueRule.AcknowledgeOnlyOnce))
                .expectNoEvents();
    }

    @Test
    void rootCauseNeedsAcknowledgement() {
        fixture.given(registered())
                .when(new RecordRootCause(ISSUE, null, ANALYSIS_1), LEAD)
                .expectException(violates(IssueRule.RootCauseNeedsAcknowledgement))
                .expectNoEvents();
    }

    @Test
    void revisionMustChangeRootCause() {
        fixture.given(registered(), acknowledged(), new RootCauseRecorded(ISSUE, 1, ANALYSIS_1))
                .when(new RecordRootCause(ISSUE, null, ANALYSIS_1), LEAD)
                .expectException(violates(IssueRule.RevisionMustChangeRootCause))
                .expectNoEvents();
    }

    @Test
    void rectificationNeedsAcknowledgement() {
        fixture.given(registered())
                .when(plan(ITEM_1, RectificationType.WITHIN_DEADLINE, DEADLINE), LEAD)
                .expectException(violates(IssueRule.RectificationNeedsAcknowledgement))
                .expectNoEvents();
    }

    @Test
    void noRectificationForDismissedIssue() {
        fixture.given(registered(), new IssueDismissed(ISSUE, "重复登记", "supervisor"))
                .when(plan(ITEM_1, RectificationType.WITHIN_DEADLINE, DEADLINE), LEAD)
                .expectException(violates(IssueRule.NoRectificationForDismissedIssue))
                .expectNoEvents();
    }

    @Test
    void deadlineNotInPast() {
        fixture.given(registered(), acknowledged())
                .when(plan(ITEM_1, RectificationType.WITHIN_DEADLINE, TODAY.minusDays(1)), LEAD)
                .expectException(violates(IssueRule.DeadlineNotInPast))
                .expectNoEvents();
    }

    @Test
    void deadlineNotInPast_todayIsAllowed() {
        fixture.given(registered(), acknowledged())
                .when(plan(ITEM_1, RectificationType.IMMEDIATE, TODAY), LEAD)
                .expectSuccessfulHandlerExecution()
                .expectEvents(new RectificationItemAdded(ISSUE, ITEM_1),
                        planned(ITEM_1, RectificationType.IMMEDIATE, TODAY));
    }

    @Test
    void dismissalOnlyByRaisingSide() {
        fixture.given(registered())
                .when(new DismissIssue(ISSUE, null, "不属于本支部问题"), LEAD)
                .expectException(violates(IssueRule.DismissalOnlyByRaisingSide))
                .expectNoEvents();
    }

    @Test
    void dismissalOnlyBeforeRectification() {
        fixture.given(registered(), acknowledged(), new RectificationItemAdded(ISSUE, ITEM_1))
                .when(new DismissIssue(ISSUE, null, "重复登记"), SUPERVISOR)
                .expectException(violates(IssueRule.DismissalOnlyBeforeRectification))
                .expectNoEvents();
    }

    @Test
    void unknownRectificationItem() {
        fixture.given(registered(), acknowledged(), new RectificationItemAdded(ISSUE, ITEM_1))
                .when(outcome(ITEM_2, RectificationOutcome.CLOSED))
                .expectException(violates(IssueRule.UnknownRectificationItem))
                .expectNoEvents();
    }

    /** Guards the convention of this class: a new rule without a test named after it fails the build. */
    @Test
    void everyRuleHasATestNamedAfterIt() {
        Set<String> methods = Arrays.stream(IssueTest.class.getDeclaredMethods())
                .filter(m -> m.isAnnotationPresent(Test.class))
                .map(Method::getName)
                .collect(Collectors.toSet());
        for (IssueRule rule : IssueRule.values()) {
            String name = Character.toLowerCase(rule.name().charAt(0)) + rule.name().substring(1);
            assertThat(methods).as("a test named after %s", rule).contains(name);
        }
    }

    // ---------------------------------------------------------------------------------------------------
    // the lifecycle

    @Nested
    class Lifecycle {

        @Test
        void registerIssue() {
            fixture.givenNoPriorActivity()
                    .when(register(), SUPERVISOR)
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(registered());
        }

        @Test
        void registerIssueWithoutOptionalFields() {
            RegisterIssue bare = new RegisterIssue(ISSUE, "高龄党员管理举措不完善", "行动不便的党员达200人以上。",
                    IssueSource.SELF_EXAMINATION, null, null, null, BRANCH, COMMITTEE, FOUND_ON, null);
            fixture.givenNoPriorActivity()
                    .when(bare, SUPERVISOR)
                    .expectEvents(new IssueRegistered(ISSUE, "高龄党员管理举措不完善", "行动不便的党员达200人以上。",
                            IssueSource.SELF_EXAMINATION, null, null, null, BRANCH, COMMITTEE, FOUND_ON, null));
        }

        @Test
        void acknowledgeRecordsTheActingUser() {
            fixture.given(registered())
                    .when(new AcknowledgeIssue(ISSUE, null, "已签收"), LEAD)
                    .expectEvents(acknowledged());
        }

        @Test
        void firstRootCauseIsRevisionOne() {
            fixture.given(registered(), acknowledged())
                    .when(new RecordRootCause(ISSUE, null, ANALYSIS_1), LEAD)
                    .expectEvents(new RootCauseRecorded(ISSUE, 1, ANALYSIS_1));
        }

        @Test
        void revisedRootCauseIsRevisionTwo() {
            fixture.given(registered(), acknowledged(), new RootCauseRecorded(ISSUE, 1, ANALYSIS_1))
                    .when(new RecordRootCause(ISSUE, null, ANALYSIS_2), LEAD)
                    .expectEvents(new RootCauseRecorded(ISSUE, 2, ANALYSIS_2));
        }

        @Test
        void rootCauseRevisionsThroughCommands() {
            fixture.given(registered(), acknowledged())
                    .andGivenCommands(new RecordRootCause(ISSUE, null, ANALYSIS_1))
                    .when(new RecordRootCause(ISSUE, null, ANALYSIS_2), LEAD)
                    .expectEvents(new RootCauseRecorded(ISSUE, 2, ANALYSIS_2));
        }

        @Test
        void planningSpawnsTheRectificationItem() {
            fixture.given(registered(), acknowledged(), new RootCauseRecorded(ISSUE, 1, ANALYSIS_1))
                    .when(plan(ITEM_1, RectificationType.WITHIN_DEADLINE, DEADLINE), LEAD)
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new RectificationItemAdded(ISSUE, ITEM_1),
                            planned(ITEM_1, RectificationType.WITHIN_DEADLINE, DEADLINE));
        }

        @Test
        void aSecondItemCanBePlanned() {
            fixture.given(registered(), acknowledged(), new RectificationItemAdded(ISSUE, ITEM_1))
                    .when(plan(ITEM_2, RectificationType.LONG_TERM, DEADLINE), LEAD)
                    .expectEvents(new RectificationItemAdded(ISSUE, ITEM_2),
                            planned(ITEM_2, RectificationType.LONG_TERM, DEADLINE));
        }

        @Test
        void theWholeWayThroughCommands() {
            fixture.givenCommands(register())
                    .andGivenCommands(new AcknowledgeIssue(ISSUE, null, "已签收"))
                    .andGivenCommands(new RecordRootCause(ISSUE, null, ANALYSIS_1))
                    .andGivenCommands(new RecordRootCause(ISSUE, null, ANALYSIS_2))
                    .when(plan(ITEM_1, RectificationType.WITHIN_DEADLINE, DEADLINE), LEAD)
                    .expectEvents(new RectificationItemAdded(ISSUE, ITEM_1),
                            planned(ITEM_1, RectificationType.WITHIN_DEADLINE, DEADLINE));
        }

        @Test
        void raisingSideDismissesBeforeRectification() {
            fixture.given(registered(), acknowledged())
                    .when(new DismissIssue(ISSUE, null, "经核实不属实"), SUPERVISOR)
                    .expectEvents(new IssueDismissed(ISSUE, "经核实不属实", "supervisor"));
        }
    }

    // ---------------------------------------------------------------------------------------------------
    // the issue's status follows its items

    @Nested
    class StatusFollowsItems {

        @Test
        void allItemsClosedResolvesTheIssue() {
            fixture.given(registered(), acknowledged(), new RectificationItemAdded(ISSUE, ITEM_1))
                    .when(outcome(ITEM_1, RectificationOutcome.CLOSED))
                    .expectEvents(outcomeRecorded(ITEM_1, RectificationOutcome.CLOSED), new IssueResolved(ISSUE));
        }

        @Test
        void oneOfTwoClosedDoesNotResolve() {
            fixture.given(registered(), acknowledged(), new RectificationItemAdded(ISSUE, ITEM_1),
                            new RectificationItemAdded(ISSUE, ITEM_2))
                    .when(outcome(ITEM_1, RectificationOutcome.CLOSED))
                    .expectEvents(outcomeRecorded(ITEM_1, RectificationOutcome.CLOSED));
        }

        @Test
        void lastOfTwoClosedResolves() {
            fixture.given(registered(), acknowledged(), new RectificationItemAdded(ISSUE, ITEM_1),
                            new RectificationItemAdded(ISSUE, ITEM_2),
                            outcomeRecorded(ITEM_1, RectificationOutcome.CLOSED))
                    .when(outcome(ITEM_2, RectificationOutcome.CLOSED))
                    .expectEvents(outcomeRecorded(ITEM_2, RectificationOutcome.CLOSED), new IssueResolved(ISSUE));
        }

        @Test
        void ongoingCountsAsDone() {
            fixture.given(registered(), acknowledged(), new RectificationItemAdded(ISSUE, ITEM_1),
                            new RectificationItemAdded(ISSUE, ITEM_2),
                            outcomeRecorded(ITEM_1, RectificationOutcome.CLOSED))
                    .when(outcome(ITEM_2, RectificationOutcome.ONGOING))
                    .expectEvents(outcomeRecorded(ITEM_2, RectificationOutcome.ONGOING), new IssueResolved(ISSUE));
        }

        @Test
        void reopenedItemReopensAResolvedIssue() {
            fixture.given(registered(), acknowledged(), new RectificationItemAdded(ISSUE, ITEM_1),
                            outcomeRecorded(ITEM_1, RectificationOutcome.CLOSED), new IssueResolved(ISSUE))
                    .when(outcome(ITEM_1, RectificationOutcome.REOPENED))
                    .expectEvents(outcomeRecorded(ITEM_1, RectificationOutcome.REOPENED),
                            new IssueReopened(ISSUE, ITEM_1, "回头看发现问题反弹"));
        }

        @Test
        void reopenedItemOfAnUnresolvedIssueOnlyRecordsTheOutcome() {
            fixture.given(registered(), acknowledged(), new RectificationItemAdded(ISSUE, ITEM_1),
                            new RectificationItemAdded(ISSUE, ITEM_2),
                            outcomeRecorded(ITEM_1, RectificationOutcome.CLOSED))
                    .when(outcome(ITEM_1, RectificationOutcome.REOPENED))
                    .expectEvents(outcomeRecorded(ITEM_1, RectificationOutcome.REOPENED));
        }

        @Test
        void reopenedIssueResolvesAgainWhenTheItemClosesAgain() {
            fixture.given(registered(), acknowledged(), new RectificationItemAdded(ISSUE, ITEM_1),
                            outcomeRecorded(ITEM_1, RectificationOutcome.CLOSED), new IssueResolved(ISSUE),
                            outcomeRecorded(ITEM_1, RectificationOutcome.REOPENED),
                            new IssueReopened(ISSUE, ITEM_1, "回头看发现问题反弹"))
                    .when(outcome(ITEM_1, RectificationOutcome.CLOSED))
                    .expectEvents(outcomeRecorded(ITEM_1, RectificationOutcome.CLOSED), new IssueResolved(ISSUE));
        }

        @Test
        void aResolvedIssueIsNotResolvedTwice() {
            fixture.given(registered(), acknowledged(), new RectificationItemAdded(ISSUE, ITEM_1),
                            outcomeRecorded(ITEM_1, RectificationOutcome.ONGOING), new IssueResolved(ISSUE))
                    .when(outcome(ITEM_1, RectificationOutcome.CLOSED))
                    .expectEvents(outcomeRecorded(ITEM_1, RectificationOutcome.CLOSED));
        }

        @Test
        void aNewItemOnAResolvedIssueMustBeDoneBeforeItResolvesAgain() {
            fixture.given(registered(), acknowledged(), new RectificationItemAdded(ISSUE, ITEM_1),
                            outcomeRecorded(ITEM_1, RectificationOutcome.CLOSED), new IssueResolved(ISSUE),
                            new RectificationItemAdded(ISSUE, ITEM_2))
                    .when(outcome(ITEM_1, RectificationOutcome.REOPENED))
                    // the issue is RECTIFYING again because of the new item, so the reopening alone reopens nothing
                    .expectEvents(outcomeRecorded(ITEM_1, RectificationOutcome.REOPENED));
        }
    }
}
