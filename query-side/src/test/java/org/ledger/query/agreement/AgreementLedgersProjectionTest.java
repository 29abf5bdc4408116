package org.ledger.query.agreement;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ledger.kernel.agreement.AgreementEvents.AgreementArchived;
import org.ledger.kernel.agreement.AgreementEvents.AgreementAssessed;
import org.ledger.kernel.agreement.AgreementEvents.AgreementCameIntoForce;
import org.ledger.kernel.agreement.AgreementEvents.AgreementDrafted;
import org.ledger.kernel.agreement.AgreementEvents.AgreementSigned;
import org.ledger.kernel.agreement.AgreementEvents.ResponsibilityItemAdded;
import org.ledger.kernel.agreement.AgreementEvents.ResponsibilityItemChanged;
import org.ledger.kernel.agreement.AgreementEvents.ResponsibilityItemRemoved;
import org.ledger.kernel.agreement.AgreementEvents.TaskCancelled;
import org.ledger.kernel.agreement.AgreementEvents.TaskCompleted;
import org.ledger.kernel.agreement.AgreementEvents.TaskPlanned;
import org.ledger.kernel.agreement.AgreementEvents.TaskProgressReported;
import org.ledger.kernel.agreement.AgreementId;
import org.ledger.kernel.agreement.AgreementStatus;
import org.ledger.kernel.agreement.Grade;
import org.ledger.kernel.agreement.ItemScore;
import org.ledger.kernel.agreement.Party;
import org.ledger.kernel.agreement.ResponsibilityItemId;
import org.ledger.kernel.agreement.TaskId;
import org.ledger.kernel.agreement.TaskStatus;
import org.ledger.kernel.issue.IssueEvents.IssueDismissed;
import org.ledger.kernel.issue.IssueEvents.IssueRegistered;
import org.ledger.kernel.issue.IssueEvents.IssueReopened;
import org.ledger.kernel.issue.IssueEvents.IssueResolved;
import org.ledger.kernel.issue.IssueId;
import org.ledger.kernel.issue.IssueSource;
import org.ledger.kernel.issue.ResponsibilityItemRef;
import org.ledger.kernel.issue.Severity;
import org.ledger.kernel.unit.UnitId;
import org.ledger.query.support.RememberedIds;
import org.ledger.query.QueryTestApplication;
import org.ledger.query.unit.UnitTree;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.orm.jpa.DataJpaTest;
import org.springframework.context.annotation.Import;
import org.springframework.data.domain.PageRequest;

/** The responsibility ledger and the task ledger, fed the events of one agreement and of issues that name it. */
@DataJpaTest
@Import({ResponsibilityLedgerProjection.class, ResponsibilityLedgerQueries.class, TaskLedgerProjection.class,
        TaskLedgerQueries.class, UnitTree.class, RememberedIds.class,
        QueryTestApplication.FixedClock.class, QueryTestApplication.ReadEverything.class})
class AgreementLedgersProjectionTest {

    static final Instant T0 = Instant.parse("2024-01-05T08:00:00Z");
    static final AgreementId A = AgreementId.of("agreement-2024");
    static final ResponsibilityItemId ITEM_1 = ResponsibilityItemId.of("item-1");
    static final ResponsibilityItemId ITEM_2 = ResponsibilityItemId.of("item-2");
    static final TaskId TASK_1 = TaskId.of("task-1");
    static final TaskId TASK_2 = TaskId.of("task-2");
    static final UnitId BRANCH = UnitId.of("branch-1");

    @Autowired
    ResponsibilityLedgerProjection responsibilities;
    @Autowired
    ResponsibilityLedgerQueries responsibilityQueries;
    @Autowired
    TaskLedgerProjection tasks;
    @Autowired
    TaskLedgerQueries taskQueries;

    static Instant at(int minutes) {
        return T0.plusSeconds(60L * minutes);
    }

    /** Feeds an agreement event (with its sequence number) to both projections, as the two processors would. */
    void agreementEvent(Object event, long seq) {
        Instant at = at((int) seq);
        if (event instanceof AgreementDrafted e) {
            responsibilities.on(e, seq, at);
            tasks.on(e);
        } else if (event instanceof ResponsibilityItemAdded e) {
            responsibilities.on(e, seq, at);
            tasks.on(e);
        } else if (event instanceof ResponsibilityItemChanged e) {
            responsibilities.on(e, seq, at);
            tasks.on(e, seq, at);
        } else if (event instanceof ResponsibilityItemRemoved e) {
            responsibilities.on(e, seq, at);
        } else if (event instanceof TaskPlanned e) {
            responsibilities.on(e, seq, at);
            tasks.on(e, seq, at);
        } else if (event instanceof TaskCancelled e) {
            responsibilities.on(e, seq, at);
            tasks.on(e, seq, at);
        } else if (event instanceof TaskProgressReported e) {
            responsibilities.on(e, seq, at);
            tasks.on(e, seq, at);
        } else if (event instanceof TaskCompleted e) {
            responsibilities.on(e, seq, at);
            tasks.on(e, seq, at);
        } else if (event instanceof AgreementSigned e) {
            responsibilities.on(e, seq, at);
        } else if (event instanceof AgreementCameIntoForce e) {
            responsibilities.on(e, seq, at);
        } else if (event instanceof AgreementAssessed e) {
            responsibilities.on(e, seq, at);
        } else if (event instanceof AgreementArchived e) {
            responsibilities.on(e, seq, at);
        } else {
            throw new IllegalArgumentException(event.toString());
        }
    }

    /** Drafted, two items (60/40), a task each, signed by both: IN_FORCE at sequence 7. */
    void inForce() {
        agreementEvent(new AgreementDrafted(A, "2024年度党建责任书", LocalDate.of(2024, 1, 1), LocalDate.of(2024, 12, 31),
                UnitId.of("sqdw"), BRANCH, 100, "supervisor"), 0);
        agreementEvent(new ResponsibilityItemAdded(A, ITEM_1, "组织建设", "落实三会一课", 60, null), 1);
        agreementEvent(new ResponsibilityItemAdded(A, ITEM_2, "宣传思想", "开展理论学习", 40, null), 2);
        agreementEvent(new TaskPlanned(A, TASK_1, ITEM_1, "每季度主题党日", BRANCH, "张明", LocalDate.of(2024, 6, 30),
                null), 3);
        agreementEvent(new TaskPlanned(A, TASK_2, ITEM_2, "每月集中学习", BRANCH, "李华", LocalDate.of(2024, 5, 31),
                null), 4);
        agreementEvent(new AgreementSigned(A, Party.RESPONSIBLE, "王书记", LocalDate.of(2024, 1, 10), "lead"), 5);
        agreementEvent(new AgreementSigned(A, Party.ISSUER, "李书记", LocalDate.of(2024, 1, 12), "supervisor"), 6);
        agreementEvent(new AgreementCameIntoForce(A, LocalDate.of(2024, 1, 12)), 7);
    }

    AgreementView agreement() {
        return responsibilityQueries.find(A.value(), null).orElseThrow();
    }

    ResponsibilityLedgerEntry item(AgreementView view, ResponsibilityItemId id) {
        return view.items().stream().filter(i -> i.id().equals(id.value())).findFirst().orElseThrow();
    }

    TaskLedgerEntry task(TaskId id) {
        List<TaskLedgerEntry> found = taskQueries.find(id.value(), null, null);
        assertThat(found).hasSize(1);
        return found.get(0);
    }

    static IssueRegistered issue(String id, ResponsibilityItemId item) {
        return new IssueRegistered(IssueId.of(id), "三会一课记录不规范", "描述", IssueSource.INSPECTION, null, null,
                Severity.MINOR, BRANCH, UnitId.of("sqdw"), LocalDate.of(2024, 3, 1),
                new ResponsibilityItemRef(A.value(), item.value()));
    }

    @Test
    void anAgreementInForceShowsItsItemsWithTaskCountsAndTheAgreementVersion() {
        inForce();

        AgreementView view = agreement();
        assertThat(view.version()).isEqualTo(7);
        assertThat(view.status()).isEqualTo(AgreementStatus.IN_FORCE);
        assertThat(view.weightTotal()).isEqualTo(100);
        assertThat(view.issuerSigner()).isEqualTo("李书记");
        assertThat(view.responsibleSignedOn()).isEqualTo(LocalDate.of(2024, 1, 10));
        assertThat(view.inForceOn()).isEqualTo(LocalDate.of(2024, 1, 12));
        assertThat(view.items()).extracting(ResponsibilityLedgerEntry::id).containsExactly("item-1", "item-2");
        assertThat(item(view, ITEM_1).status()).isEqualTo(AgreementStatus.IN_FORCE);
        assertThat(item(view, ITEM_1).taskCount()).isEqualTo(1);
        assertThat(item(view, ITEM_1).agreementTitle()).isEqualTo("2024年度党建责任书");

        // as of before the second signature the agreement was a draft
        AgreementView before = responsibilityQueries.find(A.value(), at(6).minusSeconds(1)).orElseThrow();
        assertThat(before.status()).isEqualTo(AgreementStatus.DRAFT);
        assertThat(before.items()).allSatisfy(i -> assertThat(i.status()).isEqualTo(AgreementStatus.DRAFT));
        assertThat(responsibilityQueries.find(A.value(), T0.minusSeconds(1))).isEmpty();
    }

    @Test
    void eventsSeenTwiceChangeNothing() {
        inForce();
        agreementEvent(new TaskPlanned(A, TASK_1, ITEM_1, "每季度主题党日", BRANCH, "张明", LocalDate.of(2024, 6, 30),
                null), 3);
        agreementEvent(new ResponsibilityItemAdded(A, ITEM_2, "宣传思想", "开展理论学习", 40, null), 2);

        AgreementView view = agreement();
        assertThat(view.version()).isEqualTo(7);
        assertThat(view.items()).hasSize(2);
        assertThat(item(view, ITEM_1).taskCount()).isEqualTo(1);
        assertThat(taskQueries.list(TaskLedgerFilter.none(), PageRequest.of(0, 10), null).content()).hasSize(2);
    }

    @Test
    void taskProgressCompletionAndDerivedOverdue() {
        inForce();
        agreementEvent(new TaskProgressReported(A, TASK_1, ITEM_1, 60, "已开展两次", LocalDate.of(2024, 4, 1), "lead"),
                8);
        agreementEvent(new TaskProgressReported(A, TASK_2, ITEM_2, 100, "全部完成", LocalDate.of(2024, 5, 20),
                "lead"), 9);
        agreementEvent(new TaskCompleted(A, TASK_2, ITEM_2, LocalDate.of(2024, 5, 20)), 10);

        TaskLedgerEntry first = task(TASK_1);
        assertThat(first.status()).isEqualTo(TaskStatus.IN_PROGRESS);
        assertThat(first.progressPercent()).isEqualTo(60);
        assertThat(first.lastProgressNote()).isEqualTo("已开展两次");
        assertThat(first.itemContent()).isEqualTo("落实三会一课");
        assertThat(first.agreementTitle()).isEqualTo("2024年度党建责任书");
        assertThat(first.overdue()).isFalse(); // due 30 June, today is 15 June 2024
        TaskLedgerEntry second = task(TASK_2);
        assertThat(second.status()).isEqualTo(TaskStatus.COMPLETED);
        assertThat(second.overdue()).isFalse(); // due 31 May but completed

        // as of 1 July the first task was overdue (the row then said 60%, not completed)
        List<TaskLedgerEntry> overdueLater = taskQueries.list(new TaskLedgerFilter(null, null, null, true, null, null,
                null), PageRequest.of(0, 10), null).content();
        assertThat(overdueLater).isEmpty();
        assertThat(taskQueries.find(TASK_1.value(), null, Instant.parse("2024-07-01T00:00:00Z")).get(0).overdue())
                .isTrue();

        AgreementView view = agreement();
        assertThat(item(view, ITEM_2).completedTaskCount()).isEqualTo(1);
        assertThat(item(view, ITEM_1).completedTaskCount()).isZero();
        assertThat(view.version()).isEqualTo(10);
    }

    @Test
    void filtersOfBothLedgers() {
        inForce();
        var byText = responsibilityQueries.list(new ResponsibilityLedgerFilter(null, null, null, null, null, "三会"),
                PageRequest.of(0, 10), null);
        assertThat(byText.content()).extracting(ResponsibilityLedgerEntry::id).containsExactly("item-1");
        var byUnit = responsibilityQueries.list(new ResponsibilityLedgerFilter("sqdw", null,
                List.of(AgreementStatus.IN_FORCE), "组织建设", 2024, null), PageRequest.of(0, 10), null);
        assertThat(byUnit.content()).hasSize(1);
        var otherYear = responsibilityQueries.list(new ResponsibilityLedgerFilter(null, null, null, null, 2025, null),
                PageRequest.of(0, 10), null);
        assertThat(otherYear.content()).isEmpty();
        var byDue = taskQueries.list(new TaskLedgerFilter("branch-1", A.value(), List.of(TaskStatus.OPEN), null,
                LocalDate.of(2024, 6, 1), LocalDate.of(2024, 6, 30), "党日"), PageRequest.of(0, 10), null);
        assertThat(byDue.content()).extracting(TaskLedgerEntry::id).containsExactly("task-1");
    }

    @Test
    void issuesNamingAnItemAreCountedOpenClosedReopenedAndDismissedNotAtAll() {
        inForce();
        responsibilities.on(issue("issue-1", ITEM_1), 0, at(20));
        responsibilities.on(issue("issue-2", ITEM_1), 0, at(21));
        assertThat(item(agreement(), ITEM_1).openIssueCount()).isEqualTo(2);

        responsibilities.on(new IssueResolved(IssueId.of("issue-1")), 5, at(22));
        responsibilities.on(new IssueDismissed(IssueId.of("issue-2"), "不属实", "supervisor"), 1, at(23));
        ResponsibilityLedgerEntry row = item(agreement(), ITEM_1);
        assertThat(row.openIssueCount()).isZero();
        assertThat(row.closedIssueCount()).isEqualTo(1);
        assertThat(row.version()).isEqualTo(7); // issue events do not change the agreement's version

        responsibilities.on(new IssueReopened(IssueId.of("issue-1"), null, "回头看反弹"), 7, at(24));
        responsibilities.on(new IssueReopened(IssueId.of("issue-1"), null, "回头看反弹"), 7, at(25)); // seen twice
        row = item(agreement(), ITEM_1);
        assertThat(row.openIssueCount()).isEqualTo(1);
        assertThat(row.closedIssueCount()).isZero();
        assertThat(item(agreement(), ITEM_2).openIssueCount()).isZero();
    }

    @Test
    void amendmentsAssessmentAndArchival() {
        inForce();
        agreementEvent(new ResponsibilityItemChanged(A, ITEM_1, "组织建设", "落实三会一课并规范记录", 50, 60, "年中调整"), 8);
        assertThat(agreement().weightTotal()).isEqualTo(90);
        assertThat(task(TASK_1).itemContent()).isEqualTo("落实三会一课并规范记录");
        agreementEvent(new ResponsibilityItemAdded(A, ResponsibilityItemId.of("item-3"), "纪律建设", "廉政教育", 10,
                "补充事项"), 9);
        agreementEvent(new TaskCancelled(A, TASK_2, ITEM_2, "并入集中学习"), 10);
        assertThat(taskQueries.find(TASK_2.value(), null, null)).isEmpty();
        assertThat(taskQueries.find(TASK_2.value(), null, at(10).minusSeconds(1))).hasSize(1);
        assertThat(item(agreement(), ITEM_2).taskCount()).isZero();

        agreementEvent(new AgreementAssessed(A, List.of(new ItemScore(ITEM_1, new BigDecimal("45.5"), "好"),
                new ItemScore(ITEM_2, new BigDecimal("38"), "较好"),
                new ItemScore(ResponsibilityItemId.of("item-3"), new BigDecimal("10"), "好")),
                new BigDecimal("93.5"), Grade.EXCELLENT, false, null, "supervisor", LocalDate.of(2024, 12, 20)), 11);
        AgreementView view = agreement();
        assertThat(view.totalScore()).isEqualByComparingTo("93.5");
        assertThat(view.grade()).isEqualTo(Grade.EXCELLENT);
        assertThat(item(view, ITEM_1).score()).isEqualByComparingTo("45.5");
        assertThat(item(view, ITEM_1).scoreComment()).isEqualTo("好");
        assertThat(item(view, ITEM_2).agreementTotalScore()).isEqualByComparingTo("93.5");
        assertThat(view.items()).hasSize(3);

        agreementEvent(new AgreementArchived(A, null, "supervisor", LocalDate.of(2025, 1, 5)), 12);
        view = agreement();
        assertThat(view.status()).isEqualTo(AgreementStatus.ARCHIVED);
        assertThat(view.items()).allSatisfy(i -> assertThat(i.status()).isEqualTo(AgreementStatus.ARCHIVED));
    }

    @Test
    void aRemovedItemLeavesTheCurrentLedger() {
        agreementEvent(new AgreementDrafted(A, "草稿", LocalDate.of(2024, 1, 1), LocalDate.of(2024, 12, 31),
                UnitId.of("sqdw"), BRANCH, 100, "supervisor"), 0);
        agreementEvent(new ResponsibilityItemAdded(A, ITEM_1, "组织建设", "落实三会一课", 60, null), 1);
        agreementEvent(new ResponsibilityItemRemoved(A, ITEM_1, 60, null), 2);
        AgreementView view = agreement();
        assertThat(view.items()).isEmpty();
        assertThat(view.weightTotal()).isZero();
        assertThat(responsibilityQueries.find(A.value(), at(2).minusSeconds(1)).orElseThrow().items()).hasSize(1);
    }

    @Test
    void resetForgetsEverything() {
        inForce();
        responsibilities.reset();
        tasks.reset();
        assertThat(responsibilityQueries.find(A.value(), null)).isEmpty();
        assertThat(taskQueries.list(TaskLedgerFilter.none(), PageRequest.of(0, 10), null).content()).isEmpty();
    }
}
