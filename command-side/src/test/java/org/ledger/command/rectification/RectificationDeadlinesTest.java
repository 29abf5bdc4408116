package org.ledger.command.rectification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ledger.command.RuleMatchers.actor;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.ledger.command.access.AccessFixtures;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ledger.kernel.issue.IssueId;
import org.ledger.kernel.rectification.EvidenceId;
import org.ledger.kernel.rectification.ExtensionRequestId;
import org.ledger.kernel.rectification.RectificationCommands.ApproveExtension;
import org.ledger.kernel.rectification.RectificationCommands.ApprovePlan;
import org.ledger.kernel.rectification.RectificationCommands.ReopenRectification;
import org.ledger.kernel.rectification.RectificationCommands.ReturnPlan;
import org.ledger.kernel.rectification.RectificationCommands.VerifyClosure;
import org.ledger.kernel.rectification.RectificationEvents.BecameOverdue;
import org.ledger.kernel.rectification.RectificationEvents.ClosureRequested;
import org.ledger.kernel.rectification.RectificationEvents.ClosureReturned;
import org.ledger.kernel.rectification.RectificationEvents.EvidenceAttached;
import org.ledger.kernel.rectification.RectificationEvents.ExtensionApproved;
import org.ledger.kernel.rectification.RectificationEvents.ExtensionRequested;
import org.ledger.kernel.rectification.RectificationEvents.RectificationClosed;
import org.ledger.kernel.rectification.RectificationEvents.RectificationDeclaredOngoing;
import org.ledger.kernel.rectification.RectificationEvents.RectificationPlanApproved;
import org.ledger.kernel.rectification.RectificationEvents.RectificationPlanned;
import org.ledger.kernel.rectification.RectificationEvents.RectificationReopened;
import org.ledger.kernel.rectification.RectificationEvents.WarningIssued;
import org.ledger.kernel.rectification.RectificationId;
import org.ledger.kernel.rectification.RectificationStatus;
import org.ledger.kernel.rectification.RectificationType;
import org.ledger.kernel.rectification.VerificationOutcome;
import org.ledger.kernel.rectification.WarningLevel;
import org.ledger.kernel.unit.UnitId;

/**
 * Warnings of a rectification item through Axon's deadline support: what approval, extension, closure and reopening
 * schedule and cancel, and that each warning is recorded once per effective deadline (DESIGN.md §3).
 */
class RectificationDeadlinesTest {

    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    static final WarningPolicy POLICY = new WarningPolicy(20, 10, ZONE);
    static final RectificationId ITEM = RectificationId.of("rect-1");
    static final IssueId ISSUE = IssueId.of("issue-1");
    static final LocalDate PLANNED_ON = LocalDate.of(2025, 3, 20);
    static final LocalDate DEADLINE = LocalDate.of(2025, 6, 30);
    static final LocalDate EXTENDED = LocalDate.of(2025, 8, 31);
    static final EvidenceId PHOTO = EvidenceId.of("ev-photo");
    static final ExtensionRequestId EXT_1 = ExtensionRequestId.of("ext-1");
    static final Map<String, Object> LEAD = actor("lead", "branch-1");
    static final Map<String, Object> SUPERVISOR = actor("supervisor", "committee");

    /** Start of 10 June in Shanghai: 20 days before the deadline. */
    static final Instant NOTICE_AT = Instant.parse("2025-06-09T16:00:00Z");
    static final Instant YELLOW_AT = Instant.parse("2025-06-19T16:00:00Z");
    /** Start of 1 July: the deadline day itself is still in time. */
    static final Instant OVERDUE_AT = Instant.parse("2025-06-30T16:00:00Z");

    static final WarningDue NOTICE = new WarningDue(WarningLevel.GREEN, DEADLINE, 20);
    static final WarningDue YELLOW = new WarningDue(WarningLevel.YELLOW, DEADLINE, 10);
    static final WarningDue OVERDUE = new WarningDue(WarningLevel.RED, DEADLINE, -1);

    private FixtureConfiguration<RectificationItem> fixture;

    @BeforeEach
    void setUp() {
        fixture = AccessFixtures.install(new AggregateTestFixture<>(RectificationItem.class));
        fixture.registerInjectableResource(POLICY);
    }

    static RectificationPlanned planned(RectificationType type, LocalDate deadline, LocalDate plannedOn) {
        return new RectificationPlanned(ITEM, ISSUE, "利用党员微信群对在册流动党员进行管理", type, UnitId.of("branch-1"),
                "王书记", "李主任", deadline, "流动党员全部纳入微信群管理", "lead", plannedOn);
    }

    static RectificationPlanned planned() {
        return planned(RectificationType.WITHIN_DEADLINE, DEADLINE, PLANNED_ON);
    }

    static Instant day(LocalDate date) {
        return date.atStartOfDay(ZONE).toInstant();
    }

    static ApprovePlan approve() {
        return new ApprovePlan(ITEM, null, "同意");
    }

    // ---------------------------------------------------------------------------------------------------

    @Test
    void aWarningIsDueAtTheStartOfItsDayInTheOrganisationsZone() {
        assertThat(POLICY.warningsFor(DEADLINE, PLANNED_ON)).containsExactly(
                new WarningPolicy.Scheduled(NOTICE, NOTICE_AT),
                new WarningPolicy.Scheduled(YELLOW, YELLOW_AT),
                new WarningPolicy.Scheduled(OVERDUE, OVERDUE_AT));
    }

    @Test
    void approvalSchedulesNoticeYellowAndOverdue() {
        fixture.given(planned())
                .andGivenCurrentTime(day(PLANNED_ON.plusDays(1)))
                .when(approve(), SUPERVISOR)
                .expectEvents(new RectificationPlanApproved(ITEM, "同意", "supervisor"))
                .expectScheduledDeadline(NOTICE_AT, NOTICE)
                .expectScheduledDeadline(YELLOW_AT, YELLOW)
                .expectScheduledDeadline(OVERDUE_AT, OVERDUE);
    }

    @Test
    void aReturnedPlanSchedulesNothing() {
        fixture.given(planned())
                .when(new ReturnPlan(ITEM, null, "措施不具体"), SUPERVISOR)
                .expectNoScheduledDeadlines();
    }

    @Test
    void nothingIsRecordedBeforeTheNoticeDay() {
        fixture.given(planned())
                .andGivenCurrentTime(day(PLANNED_ON.plusDays(1)))
                .andGivenCommands(approve())
                .whenThenTimeAdvancesTo(NOTICE_AT.minusSeconds(1))
                .expectNoEvents()
                .expectDeadlinesMet();
    }

    @Test
    void theNoticeIsRecordedOnItsDay() {
        fixture.given(planned())
                .andGivenCurrentTime(day(PLANNED_ON.plusDays(1)))
                .andGivenCommands(approve())
                .whenThenTimeAdvancesTo(NOTICE_AT)
                .expectEvents(new WarningIssued(ITEM, WarningLevel.GREEN, DEADLINE, 20))
                .expectDeadlinesMet(NOTICE);
    }

    @Test
    void eachWarningIsRecordedOnceInOrderUntilOverdue() {
        fixture.given(planned())
                .andGivenCurrentTime(day(PLANNED_ON.plusDays(1)))
                .andGivenCommands(approve())
                .whenThenTimeAdvancesTo(OVERDUE_AT.plus(Duration.ofDays(30)))
                .expectEvents(new WarningIssued(ITEM, WarningLevel.GREEN, DEADLINE, 20),
                        new WarningIssued(ITEM, WarningLevel.YELLOW, DEADLINE, 10),
                        new BecameOverdue(ITEM, DEADLINE))
                .expectDeadlinesMet(NOTICE, YELLOW, OVERDUE);
    }

    @Test
    void aWarningThatFiresAgainIsNotRecordedTwice() {
        // as after a restart or a retry: the deadline fires although its warning is already in the stream
        fixture.given(planned())
                .andGivenCurrentTime(day(PLANNED_ON.plusDays(1)))
                .andGivenCommands(approve())
                .andGiven(new WarningIssued(ITEM, WarningLevel.GREEN, DEADLINE, 20))
                .whenThenTimeAdvancesTo(NOTICE_AT)
                .expectNoEvents()
                .expectDeadlinesMet(NOTICE);
    }

    @Test
    void aNoticeOvertakenByYellowIsNotRecorded() {
        fixture.given(planned())
                .andGivenCurrentTime(day(PLANNED_ON.plusDays(1)))
                .andGivenCommands(approve())
                .andGiven(new WarningIssued(ITEM, WarningLevel.YELLOW, DEADLINE, 10))
                .whenThenTimeAdvancesTo(YELLOW_AT)
                .expectEvents()
                .expectDeadlinesMet(NOTICE, YELLOW);
    }

    @Test
    void anItemPlannedFiveDaysBeforeItsDeadlineGetsYellowAtOnceAndNoNotice() {
        LocalDate plannedOn = DEADLINE.minusDays(5);
        fixture.given(planned(RectificationType.WITHIN_DEADLINE, DEADLINE, plannedOn))
                .andGivenCurrentTime(day(plannedOn).plus(Duration.ofHours(9)))
                .andGivenCommands(approve())
                .whenThenTimeElapses(Duration.ofSeconds(1))
                .expectEvents(new WarningIssued(ITEM, WarningLevel.YELLOW, DEADLINE, 10))
                .expectDeadlinesMet(YELLOW)
                .expectScheduledDeadline(OVERDUE_AT, OVERDUE)
                .expectNoScheduledDeadline(NOTICE_AT, NOTICE);
    }

    @Test
    void anApprovedExtensionCancelsAndReschedules() {
        fixture.given(planned())
                .andGivenCurrentTime(day(PLANNED_ON.plusDays(1)))
                .andGivenCommands(approve())
                .andGiven(new ExtensionRequested(ITEM, EXT_1, "外出党员春节后才返回", EXTENDED, "lead", PLANNED_ON))
                .when(new ApproveExtension(ITEM, null, EXT_1, null, "同意"), SUPERVISOR)
                .expectEvents(new ExtensionApproved(ITEM, EXT_1, EXTENDED, DEADLINE, "同意", "supervisor"))
                .expectNoScheduledDeadline(NOTICE_AT, NOTICE)
                .expectNoScheduledDeadline(YELLOW_AT, YELLOW)
                .expectNoScheduledDeadline(OVERDUE_AT, OVERDUE)
                .expectScheduledDeadline(day(EXTENDED.minusDays(20)), new WarningDue(WarningLevel.GREEN, EXTENDED, 20))
                .expectScheduledDeadline(day(EXTENDED.minusDays(10)), new WarningDue(WarningLevel.YELLOW, EXTENDED, 10))
                .expectScheduledDeadline(day(EXTENDED.plusDays(1)), new WarningDue(WarningLevel.RED, EXTENDED, -1));
    }

    @Test
    void anExtendedDeadlineStartsItsWarningsAfresh() {
        fixture.given(planned())
                .andGivenCurrentTime(day(PLANNED_ON.plusDays(1)))
                .andGivenCommands(approve())
                .andGiven(new WarningIssued(ITEM, WarningLevel.GREEN, DEADLINE, 20),
                        new WarningIssued(ITEM, WarningLevel.YELLOW, DEADLINE, 10),
                        new ExtensionRequested(ITEM, EXT_1, "外出党员春节后才返回", EXTENDED, "lead", PLANNED_ON))
                .andGivenCommands(new ApproveExtension(ITEM, null, EXT_1, null, "同意"))
                .whenThenTimeAdvancesTo(day(EXTENDED.minusDays(10)))
                .expectEvents(new WarningIssued(ITEM, WarningLevel.GREEN, EXTENDED, 20),
                        new WarningIssued(ITEM, WarningLevel.YELLOW, EXTENDED, 10));
    }

    @Test
    void aDeadlineLeftOverFromAnEarlierEffectiveDeadlineChangesNothing() {
        // the extension is given as an event, so the deadlines of the old date stay scheduled and fire
        fixture.given(planned())
                .andGivenCurrentTime(day(PLANNED_ON.plusDays(1)))
                .andGivenCommands(approve())
                .andGiven(new ExtensionApproved(ITEM, EXT_1, EXTENDED, DEADLINE, "同意", "supervisor"))
                .whenThenTimeAdvancesTo(OVERDUE_AT)
                .expectNoEvents()
                .expectDeadlinesMet(NOTICE, YELLOW, OVERDUE);
    }

    @Test
    void warningsRunWhileTheClosureIsBeingVerified() {
        fixture.given(planned())
                .andGivenCurrentTime(day(PLANNED_ON.plusDays(1)))
                .andGivenCommands(approve())
                .andGiven(attached(), closureRequested())
                .whenThenTimeAdvancesTo(OVERDUE_AT)
                .expectEvents(new WarningIssued(ITEM, WarningLevel.GREEN, DEADLINE, 20),
                        new WarningIssued(ITEM, WarningLevel.YELLOW, DEADLINE, 10),
                        new BecameOverdue(ITEM, DEADLINE));
    }

    @Test
    void closureCancelsTheWarnings() {
        fixture.given(planned())
                .andGivenCurrentTime(day(PLANNED_ON.plusDays(1)))
                .andGivenCommands(approve())
                .andGiven(attached(), closureRequested())
                .when(new VerifyClosure(ITEM, null, VerificationOutcome.CLOSED, "核查属实", PLANNED_ON.plusDays(30)),
                        SUPERVISOR)
                .expectEventsMatching(org.axonframework.test.matchers.Matchers.exactSequenceOf(
                        org.axonframework.test.matchers.Matchers.messageWithPayload(
                                org.hamcrest.Matchers.instanceOf(RectificationClosed.class)),
                        org.axonframework.test.matchers.Matchers.andNoMore()))
                .expectNoScheduledDeadlines();
    }

    @Test
    void ongoingCancelsTheWarnings() {
        fixture.given(planned(RectificationType.LONG_TERM, DEADLINE, PLANNED_ON))
                .andGivenCurrentTime(day(PLANNED_ON.plusDays(1)))
                .andGivenCommands(approve())
                .andGiven(attached(), closureRequested())
                .when(new VerifyClosure(ITEM, null, VerificationOutcome.ONGOING, "长效机制已建立", PLANNED_ON.plusDays(30)),
                        SUPERVISOR)
                .expectEvents(new RectificationDeclaredOngoing(ITEM, ISSUE, "长效机制已建立", "supervisor",
                        PLANNED_ON.plusDays(30)))
                .expectNoScheduledDeadlines();
    }

    @Test
    void aReturnedClosureKeepsTheItemsWarningsScheduled() {
        fixture.given(planned())
                .andGivenCurrentTime(day(PLANNED_ON.plusDays(1)))
                .andGivenCommands(approve())
                .andGiven(attached(), closureRequested())
                .when(new VerifyClosure(ITEM, null, VerificationOutcome.RETURNED, "佐证材料不足", PLANNED_ON.plusDays(30)),
                        SUPERVISOR)
                .expectEvents(new ClosureReturned(ITEM, "佐证材料不足", "supervisor", RectificationStatus.IN_PROGRESS))
                .expectScheduledDeadline(NOTICE_AT, NOTICE)
                .expectScheduledDeadline(YELLOW_AT, YELLOW)
                .expectScheduledDeadline(OVERDUE_AT, OVERDUE);
    }

    @Test
    void reopeningSchedulesTheWarningsOfTheNewDeadline() {
        LocalDate closedOn = LocalDate.of(2025, 6, 1);
        LocalDate reopenedOn = LocalDate.of(2025, 9, 1);
        LocalDate newDeadline = LocalDate.of(2025, 9, 30);
        fixture.given(planned(), new RectificationPlanApproved(ITEM, "同意", "supervisor"), attached(),
                        closureRequested(), new RectificationClosed(ITEM, ISSUE, "核查属实", "supervisor", closedOn),
                        new BecameOverdue(ITEM, DEADLINE))
                .andGivenCurrentTime(day(reopenedOn))
                .when(new ReopenRectification(ITEM, null, "回头看发现问题反弹", newDeadline, "lb-1", reopenedOn),
                        SUPERVISOR)
                .expectEvents(new RectificationReopened(ITEM, ISSUE, "回头看发现问题反弹", newDeadline, "lb-1",
                        "supervisor", reopenedOn))
                // 29 days left on the day of reopening: the notice (20) and yellow (10) are still ahead
                .expectScheduledDeadline(day(newDeadline.minusDays(20)), new WarningDue(WarningLevel.GREEN, newDeadline, 20))
                .expectScheduledDeadline(day(newDeadline.minusDays(10)), new WarningDue(WarningLevel.YELLOW, newDeadline, 10))
                .expectScheduledDeadline(day(newDeadline.plusDays(1)), new WarningDue(WarningLevel.RED, newDeadline, -1));
    }

    @Test
    void thresholdsMustBeOrdered() {
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
                .isThrownBy(() -> new WarningPolicy(5, 10, ZONE));
        assertThat(List.of(new WarningPolicy(0, 0, ZONE).warningsFor(DEADLINE, null))).isNotEmpty();
    }

    static EvidenceAttached attached() {
        return new EvidenceAttached(ITEM, PHOTO, "微信群截图.png", "image/png", 20_480L,
                "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
    }

    static ClosureRequested closureRequested() {
        return new ClosureRequested(ITEM, "流动党员已全部入群", List.of(PHOTO), "lead", PLANNED_ON.plusDays(20));
    }
}
