package org.ledger.query.statistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ledger.kernel.issue.IssueEvents.IssueDismissed;
import org.ledger.kernel.issue.IssueEvents.IssueRegistered;
import org.ledger.kernel.issue.IssueId;
import org.ledger.kernel.issue.IssueSource;
import org.ledger.kernel.issue.Severity;
import org.ledger.kernel.rectification.ExtensionRequestId;
import org.ledger.kernel.rectification.RectificationEvents.ExtensionApproved;
import org.ledger.kernel.rectification.RectificationEvents.RectificationClosed;
import org.ledger.kernel.rectification.RectificationEvents.RectificationDeclaredOngoing;
import org.ledger.kernel.rectification.RectificationEvents.RectificationPlanApproved;
import org.ledger.kernel.rectification.RectificationEvents.RectificationPlanned;
import org.ledger.kernel.rectification.RectificationEvents.RectificationReopened;
import org.ledger.kernel.rectification.RectificationId;
import org.ledger.kernel.rectification.RectificationType;
import org.ledger.kernel.unit.UnitEvents.UnitMoved;
import org.ledger.kernel.unit.UnitEvents.UnitRegistered;
import org.ledger.kernel.unit.UnitId;
import org.ledger.kernel.unit.UnitKind;
import org.ledger.query.QueryTestApplication;
import org.ledger.query.statistics.RectificationStatisticsQueries.GroupBy;
import org.ledger.query.support.RememberedIds;
import org.ledger.query.unit.UnitQueries;
import org.ledger.query.unit.UnitTree;
import org.ledger.query.unit.UnitTreeProjection;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.orm.jpa.DataJpaTest;
import org.springframework.context.annotation.Import;

/**
 * The statistics checked against a hand-computed scenario, fed to the projection with explicit timestamps (every
 * event at 02:00 UTC of its business day). "Today" is the fixed clock's 2024-06-15 (UTC).
 *
 * <pre>
 * units:  jgw (街工委) ── sqdw (社区党委) ─┬─ b1 (第一党支部) ── g1 (第一党小组)
 *                                         └─ b2 (第二党支部)
 *
 * issue  source            responsible  found on    note
 * I1     INSPECTION        b1           2024-04-01
 * I2     PATROL_FEEDBACK   b2           2024-04-05
 * I3     INSPECTION        b2           2024-04-10  dismissed 2024-04-12 (no items)
 * I4     SELF_EXAMINATION  sqdw         2024-04-20
 * I5     INSPECTION        b1           2023-12-20  before the period 2024-01-01..2024-06-30
 *
 * item issue owner type             planned  deadline (orig)  what happens                          days
 * R1   I1    b1    IMMEDIATE        04-02    04-30            closed 04-25: on time both            23
 * R2   I1    b1    WITHIN_DEADLINE  04-02    05-15            extended 05-12 to 05-31, closed 05-28:  56
 *                                                             late vs original, on time vs effective
 * R3   I1    g1    LONG_TERM        04-03    05-31            declared ONGOING 05-20
 * R4   I2    b2    WITHIN_DEADLINE  04-06    06-10            in progress: overdue on 06-15
 * R5   I2    b2    IMMEDIATE        04-06    04-20            closed 04-18 (12 days), reopened 05-10
 *                                                             with new deadline 06-30: open, reopened
 * R6   I4    sqdw  WITHIN_DEADLINE  04-21    07-31            closed 06-01: on time                 41
 * R8   I5    b1    IMMEDIATE        2023-12-25  2024-01-10    closed 2024-01-08 (outside the period)  14
 * </pre>
 */
@DataJpaTest
@Import({RectificationStatisticsProjection.class, StatisticsItemTable.class, RectificationStatisticsQueries.class,
        UnitTreeProjection.class,
        UnitTree.class, RememberedIds.class, UnitQueries.class, QueryTestApplication.FixedClock.class,
        QueryTestApplication.ReadEverything.class})
class RectificationStatisticsProjectionTest {

    static final LocalDate FROM = LocalDate.of(2024, 1, 1);
    static final LocalDate TO = LocalDate.of(2024, 6, 30);

    @Autowired
    RectificationStatisticsProjection projection;
    @Autowired
    UnitTreeProjection unitProjection;
    @Autowired
    RectificationStatisticsQueries queries;
    @Autowired
    StatisticsItemFactRepository items;
    @Autowired
    StatisticsItemTable table;

    static LocalDate day(int month, int day) {
        return LocalDate.of(2024, month, day);
    }

    /** The business day's event time: 02:00 UTC. */
    static Instant at(LocalDate date) {
        return date.atTime(2, 0).toInstant(ZoneOffset.UTC);
    }

    static RectificationId r(String id) {
        return RectificationId.of(id);
    }

    void issue(String id, IssueSource source, String unit, LocalDate foundOn) {
        projection.on(new IssueRegistered(IssueId.of(id), "问题" + id, "描述", source, null, null, Severity.MINOR,
                UnitId.of(unit), UnitId.of("jgw"), foundOn, null), 0, at(foundOn));
    }

    void planned(String id, String issue, String owner, RectificationType type, LocalDate on, LocalDate deadline) {
        projection.on(new RectificationPlanned(r(id), IssueId.of(issue), "措施" + id, type, UnitId.of(owner), "王敏",
                "李强", deadline, null, "lead", on), 0, at(on));
        projection.on(new RectificationPlanApproved(r(id), null, "supervisor"), 1, at(on).plusSeconds(3600));
    }

    void closed(String id, String issue, long seq, LocalDate on) {
        projection.on(new RectificationClosed(r(id), IssueId.of(issue), "同意销号", "supervisor", on), seq, at(on));
    }

    void unit(String id, String name, UnitKind kind, String parent) {
        unitProjection.on(new UnitRegistered(UnitId.of(id), name, kind, parent == null ? null : UnitId.of(parent)),
                0, Instant.parse("2023-01-01T00:00:00Z"));
    }

    @BeforeEach
    void scenario() {
        unit("jgw", "某街道党工委", UnitKind.WORKING_COMMITTEE, null);
        unit("sqdw", "某社区党委", UnitKind.COMMUNITY_COMMITTEE, "jgw");
        unit("b1", "第一党支部", UnitKind.BRANCH, "sqdw");
        unit("b2", "第二党支部", UnitKind.BRANCH, "sqdw");
        unit("g1", "第一党小组", UnitKind.GROUP, "b1");

        issue("I5", IssueSource.INSPECTION, "b1", LocalDate.of(2023, 12, 20));
        planned("R8", "I5", "b1", RectificationType.IMMEDIATE, LocalDate.of(2023, 12, 25), day(1, 10));
        closed("R8", "I5", 2, day(1, 8));

        issue("I1", IssueSource.INSPECTION, "b1", day(4, 1));
        planned("R1", "I1", "b1", RectificationType.IMMEDIATE, day(4, 2), day(4, 30));
        planned("R2", "I1", "b1", RectificationType.WITHIN_DEADLINE, day(4, 2), day(5, 15));
        planned("R3", "I1", "g1", RectificationType.LONG_TERM, day(4, 3), day(5, 31));
        issue("I2", IssueSource.PATROL_FEEDBACK, "b2", day(4, 5));
        planned("R4", "I2", "b2", RectificationType.WITHIN_DEADLINE, day(4, 6), day(6, 10));
        planned("R5", "I2", "b2", RectificationType.IMMEDIATE, day(4, 6), day(4, 20));
        issue("I3", IssueSource.INSPECTION, "b2", day(4, 10));
        projection.on(new IssueDismissed(IssueId.of("I3"), "不属实", "supervisor"), 1, at(day(4, 12)));
        closed("R5", "I2", 2, day(4, 18));
        issue("I4", IssueSource.SELF_EXAMINATION, "sqdw", day(4, 20));
        planned("R6", "I4", "sqdw", RectificationType.WITHIN_DEADLINE, day(4, 21), day(7, 31));
        closed("R1", "I1", 2, day(4, 25));
        projection.on(new RectificationReopened(r("R5"), IssueId.of("I2"), "回头看发现反弹", day(6, 30), "lb-1",
                "supervisor", day(5, 10)), 3, at(day(5, 10)));
        projection.on(new ExtensionApproved(r("R2"), ExtensionRequestId.of("x-1"), day(5, 31), day(5, 15), null,
                "supervisor"), 2, at(day(5, 12)));
        projection.on(new RectificationDeclaredOngoing(r("R3"), IssueId.of("I1"), "长效机制运行良好", "supervisor",
                day(5, 20)), 2, at(day(5, 20)));
        closed("R2", "I1", 3, day(5, 28));
        closed("R6", "I4", 2, day(6, 1));
    }

    static BigDecimal d(String value) {
        return new BigDecimal(value);
    }

    static StatisticsRow row(RectificationStatistics statistics, String key) {
        return statistics.rows().stream().filter(r -> key.equals(r.key())).findFirst().orElseThrow();
    }

    @Test
    void perUnitEachChildRollsUpItsSubtreeAndTheTotalIsTheWholeCommittee() {
        RectificationStatistics s = queries.compute("sqdw", GroupBy.UNIT, FROM, TO, null);

        assertThat(s.today()).isEqualTo(day(6, 15));
        assertThat(s.groupBy()).isEqualTo("unit");
        assertThat(s.rows()).extracting(StatisticsRow::key).containsExactly("b1", "b2");

        // b1 + g1: issue I1 (I5 found before the period); items R1, R2, R3 (g1 rolls up into b1).
        // closed R1, R2; ongoing R3 → rate 2 / (3 − 1) = 1; on time vs original: R1 only → 1/2; vs effective: 2/2;
        // days: R1 23, R2 56 → 39.5.
        assertThat(row(s, "b1")).isEqualTo(new StatisticsRow("b1", "第一党支部", 1, 0, 3, 2, 1, d("1.0000"),
                d("0.5000"), d("1.0000"), 0, 0, d("39.50")));
        // b2: issue I2 (I3 dismissed); items R4 (overdue: 06-10 < 06-15), R5 (reopened, open, due 06-30).
        // closed 0 → rate 0/2 = 0, on-time rates and average null.
        assertThat(row(s, "b2")).isEqualTo(new StatisticsRow("b2", "第二党支部", 1, 1, 2, 0, 0, d("0.0000"),
                null, null, 1, 1, null));
        // sqdw with its subtree: issues I1, I2, I4 (I3 dismissed); items R1..R6; closed R1, R2, R6; ongoing R3
        // → rate 3 / (6 − 1) = 0.6; on time vs original R1, R6 → 2/3; vs effective 3/3; overdue R4; reopened R5;
        // days (23 + 56 + 41) / 3 = 40. The committee's own R6 counts in the total only.
        assertThat(s.total()).isEqualTo(new StatisticsRow("sqdw", "某社区党委", 3, 1, 6, 3, 1, d("0.6000"),
                d("0.6667"), d("1.0000"), 1, 1, d("40.00")));
    }

    @Test
    void withoutAPeriodEverythingCounts() {
        RectificationStatistics s = queries.compute("sqdw", GroupBy.UNIT, null, null, null);
        // b1 now also has I5 and R8 (closed 2024-01-08, on time, 14 days): closed 3 of 3 − 1 ongoing;
        // on time vs original R1, R8 → 2/3; days (23 + 56 + 14) / 3 = 31.
        assertThat(row(s, "b1")).isEqualTo(new StatisticsRow("b1", "第一党支部", 2, 0, 4, 3, 1, d("1.0000"),
                d("0.6667"), d("1.0000"), 0, 0, d("31.00")));
        // total: 7 items, 4 closed, 1 ongoing → 4/6; on time vs original 3/4; days (23 + 56 + 14 + 41) / 4 = 33.5.
        assertThat(s.total()).isEqualTo(new StatisticsRow("sqdw", "某社区党委", 4, 1, 7, 4, 1, d("0.6667"),
                d("0.7500"), d("1.0000"), 1, 1, d("33.50")));
    }

    @Test
    void perSourceEverySourceHasARowWithItsChineseLabel() {
        RectificationStatistics s = queries.compute("sqdw", GroupBy.SOURCE, FROM, TO, null);
        assertThat(s.rows()).hasSize(IssueSource.values().length);
        // INSPECTION: I1 (+ I3 dismissed); R1, R2, R3 as in b1.
        assertThat(row(s, "INSPECTION")).isEqualTo(new StatisticsRow("INSPECTION", "专项督查", 1, 1, 3, 2, 1,
                d("1.0000"), d("0.5000"), d("1.0000"), 0, 0, d("39.50")));
        // PATROL_FEEDBACK: I2; R4 overdue, R5 reopened.
        assertThat(row(s, "PATROL_FEEDBACK")).isEqualTo(new StatisticsRow("PATROL_FEEDBACK", "巡视巡察反馈", 1, 0,
                2, 0, 0, d("0.0000"), null, null, 1, 1, null));
        // SELF_EXAMINATION: I4; R6 closed on time in 41 days.
        assertThat(row(s, "SELF_EXAMINATION")).isEqualTo(new StatisticsRow("SELF_EXAMINATION", "自查", 1, 0, 1, 1,
                0, d("1.0000"), d("1.0000"), d("1.0000"), 0, 0, d("41.00")));
        assertThat(row(s, "PUBLIC_REPORT")).isEqualTo(new StatisticsRow("PUBLIC_REPORT", "群众反映", 0, 0, 0, 0, 0,
                null, null, null, 0, 0, null));
        assertThat(s.total()).isEqualTo(new StatisticsRow("sqdw", "某社区党委", 3, 1, 6, 3, 1, d("0.6000"),
                d("0.6667"), d("1.0000"), 1, 1, d("40.00")));
    }

    @Test
    void perTypeIssuesAreTheDistinctIssuesOfTheItemsOfThatType() {
        RectificationStatistics s = queries.compute("sqdw", GroupBy.TYPE, FROM, TO, null);
        assertThat(s.rows()).extracting(StatisticsRow::key)
                .containsExactly("IMMEDIATE", "WITHIN_DEADLINE", "LONG_TERM");
        // IMMEDIATE: R1 (closed, 23 days), R5 (reopened, open) of I1, I2 → 1/2.
        assertThat(row(s, "IMMEDIATE")).isEqualTo(new StatisticsRow("IMMEDIATE", "立行立改", 2, 0, 2, 1, 0,
                d("0.5000"), d("1.0000"), d("1.0000"), 0, 1, d("23.00")));
        // WITHIN_DEADLINE: R2 (closed late vs original), R4 (overdue), R6 (closed) of I1, I2, I4 → 2/3;
        // on time vs original 1/2, vs effective 2/2; days (56 + 41) / 2 = 48.5.
        assertThat(row(s, "WITHIN_DEADLINE")).isEqualTo(new StatisticsRow("WITHIN_DEADLINE", "限期整改", 3, 0, 3,
                2, 0, d("0.6667"), d("0.5000"), d("1.0000"), 1, 0, d("48.50")));
        // LONG_TERM: R3 ongoing: counted apart, so the rate has no denominator.
        assertThat(row(s, "LONG_TERM")).isEqualTo(new StatisticsRow("LONG_TERM", "长期坚持", 1, 0, 1, 0, 1, null,
                null, null, 0, 0, null));
        assertThat(s.total().issues()).isEqualTo(3);
        assertThat(s.total().items()).isEqualTo(6);
    }

    @Test
    void asOfShowsTheNumbersBeforeAndAfterAClosure() {
        // 2024-05-27 12:00Z: R2 extended (05-31) but not yet closed; R3 ongoing; R5 reopened; R6 open.
        RectificationStatistics before = queries.compute("sqdw", GroupBy.UNIT, FROM, TO,
                Instant.parse("2024-05-27T12:00:00Z"));
        assertThat(before.today()).isEqualTo(day(5, 27));
        // b1: closed R1 only → 1 / (3 − 1) = 0.5; R2's effective deadline 05-31 not passed: nothing overdue.
        assertThat(row(before, "b1")).isEqualTo(new StatisticsRow("b1", "第一党支部", 1, 0, 3, 1, 1, d("0.5000"),
                d("1.0000"), d("1.0000"), 0, 0, d("23.00")));
        // total: closed R1 → 1/5; R4 (due 06-10) not yet overdue.
        assertThat(before.total()).isEqualTo(new StatisticsRow("sqdw", "某社区党委", 3, 1, 6, 1, 1, d("0.2000"),
                d("1.0000"), d("1.0000"), 0, 1, d("23.00")));

        // 2024-05-29: R2 closed on 05-28.
        RectificationStatistics after = queries.compute("sqdw", GroupBy.UNIT, FROM, TO,
                Instant.parse("2024-05-29T00:00:00Z"));
        assertThat(row(after, "b1")).isEqualTo(new StatisticsRow("b1", "第一党支部", 1, 0, 3, 2, 1, d("1.0000"),
                d("0.5000"), d("1.0000"), 0, 0, d("39.50")));

        // 2024-05-01: R5 closed on 04-18 (12 days, on time) and not yet reopened.
        RectificationStatistics beforeReopening = queries.compute("sqdw", GroupBy.UNIT, FROM, TO,
                Instant.parse("2024-05-01T00:00:00Z"));
        assertThat(row(beforeReopening, "b2")).isEqualTo(new StatisticsRow("b2", "第二党支部", 1, 1, 2, 1, 0,
                d("0.5000"), d("1.0000"), d("1.0000"), 0, 0, d("12.00")));
        // and the dismissal of I3 (04-12) had not happened on 04-11.
        RectificationStatistics beforeDismissal = queries.compute("b2", GroupBy.UNIT, FROM, TO,
                Instant.parse("2024-04-11T00:00:00Z"));
        assertThat(beforeDismissal.total().issues()).isEqualTo(2);
        assertThat(beforeDismissal.total().dismissedIssues()).isZero();
    }

    @Test
    void theRollUpUsesTheTreeAsItWasAtAsOf() {
        // g1 moves from b1 to b2 on 06-05: now its ONGOING R3 rolls up into b2, before into b1.
        unitProjection.on(new UnitMoved(UnitId.of("g1"), UnitId.of("b1"), UnitId.of("b2")), 1, at(day(6, 5)));
        assertThat(row(queries.compute("sqdw", GroupBy.UNIT, FROM, TO, null), "b2").ongoing()).isEqualTo(1);
        assertThat(row(queries.compute("sqdw", GroupBy.UNIT, FROM, TO, null), "b1").ongoing()).isZero();
        RectificationStatistics then = queries.compute("sqdw", GroupBy.UNIT, FROM, TO, at(day(6, 2)));
        assertThat(row(then, "b1").ongoing()).isEqualTo(1);
        assertThat(row(then, "b2").ongoing()).isZero();
    }

    @Test
    void withoutAUnitTheRowsAreTheRootsAndTheTotalIsEverything() {
        RectificationStatistics s = queries.compute(null, GroupBy.UNIT, FROM, TO, null);
        assertThat(s.rows()).extracting(StatisticsRow::key).containsExactly("jgw");
        assertThat(s.total().key()).isNull();
        assertThat(s.total().label()).isEqualTo("全部");
        assertThat(s.total().items()).isEqualTo(6);
        assertThat(row(s, "jgw").items()).isEqualTo(6);
    }

    @Test
    void anUnknownUnitIsRefused() {
        assertThatThrownBy(() -> queries.compute("nowhere", GroupBy.UNIT, null, null, null))
                .isInstanceOf(RectificationStatisticsQueries.UnknownUnit.class);
    }

    @Test
    void redeliveredEventsChangeNothing() {
        closed("R2", "I1", 3, day(5, 28));
        projection.on(new RectificationReopened(r("R5"), IssueId.of("I2"), "again", day(6, 30), null, "s",
                day(5, 10)), 3, at(day(5, 10)));
        issue("I1", IssueSource.OTHER, "b2", day(4, 1));
        // R5: planned, approved, closed, reopened: four versions, none added by the redelivery
        table.writeHeldBack();
        assertThat(items.findByRectificationIdOrderByValidFromAscRowIdAsc("R5")).hasSize(4);
        assertThat(queries.compute("sqdw", GroupBy.UNIT, FROM, TO, null).total())
                .isEqualTo(new StatisticsRow("sqdw", "某社区党委", 3, 1, 6, 3, 1, d("0.6000"), d("0.6667"),
                        d("1.0000"), 1, 1, d("40.00")));
    }

    @Test
    void aResetForgetsAllFacts() {
        projection.reset();
        assertThat(items.findAll()).isEmpty();
        assertThat(queries.compute("sqdw", GroupBy.UNIT, null, null, null).total().items()).isZero();
    }
}
