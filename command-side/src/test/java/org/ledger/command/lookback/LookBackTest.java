package org.ledger.command.lookback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ledger.command.RuleMatchers.actor;
import static org.ledger.command.RuleMatchers.violates;

import java.lang.reflect.Method;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.ledger.command.access.AccessFixtures;
import org.ledger.command.access.ActorScope;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ledger.kernel.issue.IssueId;
import org.ledger.kernel.lookback.CheckOutcome;
import org.ledger.kernel.lookback.LookBackCommands.CompleteLookBack;
import org.ledger.kernel.lookback.LookBackCommands.OpenLookBack;
import org.ledger.kernel.lookback.LookBackCommands.RecordCheck;
import org.ledger.kernel.lookback.LookBackEvents.CheckRecorded;
import org.ledger.kernel.lookback.LookBackEvents.LookBackCompleted;
import org.ledger.kernel.lookback.LookBackEvents.LookBackOpened;
import org.ledger.kernel.lookback.LookBackEvents.SampleDrawn;
import org.ledger.kernel.lookback.LookBackId;
import org.ledger.kernel.lookback.SamplingMode;
import org.ledger.kernel.rectification.RectificationId;
import org.ledger.kernel.unit.UnitId;

/** The look-back campaign: one test per {@link LookBackRule}, named after it, and the reproducible draw. */
class LookBackTest {

    static final LookBackId LB = LookBackId.of("lb-1");
    static final List<UnitId> SCOPE = List.of(UnitId.of("sqdw"));
    static final LocalDate FROM = LocalDate.of(2026, 1, 1);
    static final LocalDate TO = LocalDate.of(2026, 6, 30);
    static final LocalDate TODAY = LocalDate.of(2026, 7, 15);
    static final RectificationId R1 = RectificationId.of("rect-1");
    static final RectificationId R2 = RectificationId.of("rect-2");
    static final RectificationId R3 = RectificationId.of("rect-3");
    static final Map<String, Object> SUPERVISOR = actor("supervisor", "jgw");

    private FixtureConfiguration<LookBack> fixture;

    @BeforeEach
    void setUp() {
        fixture = AccessFixtures.install(new AggregateTestFixture<>(LookBack.class));
    }

    static LookBackOpened opened(SamplingMode mode, int value) {
        return new LookBackOpened(LB, "下半年回头看", SCOPE, FROM, TO, mode, value, 42L, "supervisor");
    }

    static SampleDrawn drawn(RectificationId... sample) {
        return new SampleDrawn(LB, List.of(R1, R2, R3), List.of(sample), 42L);
    }

    static RecordCheck check(RectificationId item, CheckOutcome outcome, LocalDate newDeadline) {
        return new RecordCheck(LB, null, item, outcome, "核查发现", newDeadline,
                outcome == CheckOutcome.NEW_ISSUE ? IssueId.of("lb-1-" + item) : null,
                outcome == CheckOutcome.NEW_ISSUE ? "回头看发现：核查发现" : null,
                outcome == CheckOutcome.NEW_ISSUE ? UnitId.of("branch-1") : null,
                outcome == CheckOutcome.NEW_ISSUE ? UnitId.of("jgw") : null, TODAY);
    }

    static CheckRecorded checked(RectificationId item, CheckOutcome outcome) {
        return new CheckRecorded(LB, item, outcome, "核查发现", null, null, null, null, null, "supervisor", TODAY);
    }

    // ---------------------------------------------------------------------------------------------------
    // one test per rule

    @Test
    void closedPeriodOrdered() {
        fixture.givenNoPriorActivity()
                .when(new OpenLookBack(LB, "回头看", SCOPE, TO, FROM, SamplingMode.ALL, 0, 1L), SUPERVISOR)
                .expectException(violates(LookBackRule.ClosedPeriodOrdered))
                .expectNoEvents();
    }

    @Test
    void samplingRuleValid() {
        fixture.givenNoPriorActivity()
                .when(new OpenLookBack(LB, "回头看", SCOPE, FROM, TO, SamplingMode.PERCENT, 150, 1L), SUPERVISOR)
                .expectException(violates(LookBackRule.SamplingRuleValid))
                .expectNoEvents();
    }

    @Test
    void sampleDrawnOnce() {
        fixture.given(opened(SamplingMode.ALL, 0), drawn(R1, R2, R3))
                .whenInvoking(LB.value(), campaign -> campaign.drawSample(List.of(R1), ActorScope.unrestricted("tester")))
                .expectException(violates(LookBackRule.SampleDrawnOnce))
                .expectNoEvents();
    }

    @Test
    void completedLookBackIsClosed() {
        fixture.given(opened(SamplingMode.ALL, 0), new SampleDrawn(LB, List.of(), List.of(), 42L),
                        new LookBackCompleted(LB, "无", 0, 0, 0))
                .when(new CompleteLookBack(LB, null, "再次总结"), SUPERVISOR)
                .expectException(violates(LookBackRule.CompletedLookBackIsClosed))
                .expectNoEvents();
    }

    @Test
    void checkOnlySampledItems() {
        fixture.given(opened(SamplingMode.COUNT, 1), drawn(R2))
                .when(check(R1, CheckOutcome.CONFIRMED, null), SUPERVISOR)
                .expectException(violates(LookBackRule.CheckOnlySampledItems))
                .expectNoEvents();
    }

    @Test
    void eachItemCheckedOnce() {
        fixture.given(opened(SamplingMode.ALL, 0), drawn(R1, R2, R3), checked(R1, CheckOutcome.CONFIRMED))
                .when(check(R1, CheckOutcome.CONFIRMED, null), SUPERVISOR)
                .expectException(violates(LookBackRule.EachItemCheckedOnce))
                .expectNoEvents();
    }

    @Test
    void reboundNeedsNewDeadline() {
        fixture.given(opened(SamplingMode.ALL, 0), drawn(R1, R2, R3))
                .when(check(R1, CheckOutcome.REBOUNDED, TODAY), SUPERVISOR)
                .expectException(violates(LookBackRule.ReboundNeedsNewDeadline))
                .expectNoEvents();
    }

    @Test
    void newIssueNeedsResponsibleUnit() {
        fixture.given(opened(SamplingMode.ALL, 0), drawn(R1, R2, R3))
                .when(new RecordCheck(LB, null, R1, CheckOutcome.NEW_ISSUE, "新问题", null, IssueId.of("lb-1-rect-1"),
                        "新问题", null, UnitId.of("jgw"), TODAY), SUPERVISOR)
                .expectException(violates(LookBackRule.NewIssueNeedsResponsibleUnit))
                .expectNoEvents();
    }

    @Test
    void completionNeedsEveryCheck() {
        fixture.given(opened(SamplingMode.ALL, 0), drawn(R1, R2, R3), checked(R1, CheckOutcome.CONFIRMED))
                .when(new CompleteLookBack(LB, null, "总结"), SUPERVISOR)
                .expectException(violates(LookBackRule.CompletionNeedsEveryCheck))
                .expectNoEvents();
    }

    /** Guards the convention of this class: a new rule without a test named after it fails the build. */
    @Test
    void everyRuleHasATestNamedAfterIt() {
        Set<String> methods = Arrays.stream(LookBackTest.class.getDeclaredMethods())
                .filter(m -> m.isAnnotationPresent(Test.class))
                .map(Method::getName)
                .collect(Collectors.toSet());
        for (LookBackRule rule : LookBackRule.values()) {
            String name = Character.toLowerCase(rule.name().charAt(0)) + rule.name().substring(1);
            assertThat(methods).as("a test named after %s", rule).contains(name);
        }
    }

    // ---------------------------------------------------------------------------------------------------
    // the campaign

    @Test
    void openingRecordsScopeSamplingAndSeed() {
        fixture.givenNoPriorActivity()
                .when(new OpenLookBack(LB, "下半年回头看", SCOPE, FROM, TO, SamplingMode.COUNT, 2, 42L), SUPERVISOR)
                .expectEvents(opened(SamplingMode.COUNT, 2));
    }

    @Test
    void theDrawRecordsCandidatesAndSampleAndIsReproducible() {
        // candidates arrive in any order; the campaign sorts them, so the draw depends on the set and the seed only
        List<RectificationId> expected = LookBack.draw(List.of(R1, R2, R3), SamplingMode.COUNT, 2, 42L);
        fixture.given(opened(SamplingMode.COUNT, 2))
                .whenInvoking(LB.value(), campaign -> campaign.drawSample(List.of(R3, R1, R2, R1), ActorScope.unrestricted("tester")))
                .expectEvents(new SampleDrawn(LB, List.of(R1, R2, R3), expected, 42L));
        assertThat(expected).hasSize(2);
    }

    @Test
    void theSameSeedDrawsTheSameSampleAndAnotherSeedMayNot() {
        List<RectificationId> candidates = IntStream.range(0, 50)
                .mapToObj(i -> RectificationId.of("rect-%02d".formatted(i))).toList();
        List<RectificationId> first = LookBack.draw(candidates, SamplingMode.PERCENT, 20, 7L);
        assertThat(LookBack.draw(candidates, SamplingMode.PERCENT, 20, 7L)).isEqualTo(first);
        assertThat(first).hasSize(10).doesNotHaveDuplicates().isSubsetOf(candidates);
        assertThat(LookBack.draw(candidates, SamplingMode.PERCENT, 20, 8L)).isNotEqualTo(first);
        assertThat(LookBack.draw(candidates, SamplingMode.ALL, 0, 7L)).isEqualTo(candidates);
        assertThat(LookBack.draw(candidates, SamplingMode.COUNT, 500, 7L)).hasSize(50);
        assertThat(LookBack.draw(List.of(), SamplingMode.PERCENT, 30, 7L)).isEmpty();
    }

    @Test
    void aReboundRecordsTheNewDeadline() {
        LocalDate newDeadline = TODAY.plusMonths(3);
        fixture.given(opened(SamplingMode.ALL, 0), drawn(R1, R2, R3))
                .when(check(R1, CheckOutcome.REBOUNDED, newDeadline), SUPERVISOR)
                .expectEvents(new CheckRecorded(LB, R1, CheckOutcome.REBOUNDED, "核查发现", newDeadline, null, null,
                        null, null, "supervisor", TODAY));
    }

    @Test
    void aNewIssueRecordsWhatToRegister() {
        fixture.given(opened(SamplingMode.ALL, 0), drawn(R1, R2, R3))
                .when(check(R2, CheckOutcome.NEW_ISSUE, null), SUPERVISOR)
                .expectEvents(new CheckRecorded(LB, R2, CheckOutcome.NEW_ISSUE, "核查发现", null,
                        IssueId.of("lb-1-rect-2"), "回头看发现：核查发现", UnitId.of("branch-1"), UnitId.of("jgw"),
                        "supervisor", TODAY));
    }

    @Test
    void completionCountsTheOutcomes() {
        fixture.given(opened(SamplingMode.ALL, 0), drawn(R1, R2, R3), checked(R1, CheckOutcome.CONFIRMED),
                        checked(R2, CheckOutcome.REBOUNDED), checked(R3, CheckOutcome.NEW_ISSUE))
                .when(new CompleteLookBack(LB, null, "总结"), SUPERVISOR)
                .expectEvents(new LookBackCompleted(LB, "总结", 1, 1, 1));
    }
}
