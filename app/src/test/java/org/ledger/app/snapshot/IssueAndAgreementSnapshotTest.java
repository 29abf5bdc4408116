package org.ledger.app.snapshot;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ledger.command.agreement.ResponsibilityAgreement;
import org.ledger.command.issue.Issue;
import org.ledger.command.rectification.WarningPolicy;
import org.ledger.kernel.MetadataKeys;
import org.ledger.kernel.agreement.AgreementCommands.ArchiveAgreement;
import org.ledger.kernel.agreement.AgreementCommands.AssessAgreement;
import org.ledger.kernel.agreement.AgreementCommands.CancelTask;
import org.ledger.kernel.agreement.AgreementCommands.ChangeTask;
import org.ledger.kernel.agreement.AgreementCommands.PlanTask;
import org.ledger.kernel.agreement.AgreementCommands.ReportTaskProgress;
import org.ledger.kernel.agreement.AgreementCommands.SignAgreement;
import org.ledger.kernel.agreement.AgreementEvents.AgreementCameIntoForce;
import org.ledger.kernel.agreement.AgreementEvents.AgreementDrafted;
import org.ledger.kernel.agreement.AgreementEvents.AgreementSigned;
import org.ledger.kernel.agreement.AgreementEvents.ResponsibilityItemAdded;
import org.ledger.kernel.agreement.AgreementEvents.ResponsibilityItemChanged;
import org.ledger.kernel.agreement.AgreementEvents.TaskBecameOverdue;
import org.ledger.kernel.agreement.AgreementEvents.TaskCancelled;
import org.ledger.kernel.agreement.AgreementEvents.TaskChanged;
import org.ledger.kernel.agreement.AgreementEvents.TaskCompleted;
import org.ledger.kernel.agreement.AgreementEvents.TaskDueSoon;
import org.ledger.kernel.agreement.AgreementEvents.TaskPlanned;
import org.ledger.kernel.agreement.AgreementEvents.TaskProgressReported;
import org.ledger.kernel.agreement.AgreementId;
import org.ledger.kernel.agreement.Grade;
import org.ledger.kernel.agreement.ItemScore;
import org.ledger.kernel.agreement.Party;
import org.ledger.kernel.agreement.ResponsibilityItemId;
import org.ledger.kernel.agreement.TaskId;
import org.ledger.kernel.issue.IssueCommands.AcknowledgeIssue;
import org.ledger.kernel.issue.IssueCommands.DismissIssue;
import org.ledger.kernel.issue.IssueCommands.RecordRectificationOutcome;
import org.ledger.kernel.issue.IssueCommands.RecordRootCause;
import org.ledger.kernel.issue.IssueEvents.IssueAcknowledged;
import org.ledger.kernel.issue.IssueEvents.IssueRegistered;
import org.ledger.kernel.issue.IssueEvents.IssueReopened;
import org.ledger.kernel.issue.IssueEvents.IssueResolved;
import org.ledger.kernel.issue.IssueEvents.RectificationItemAdded;
import org.ledger.kernel.issue.IssueEvents.RectificationOutcomeRecorded;
import org.ledger.kernel.issue.IssueEvents.RootCauseRecorded;
import org.ledger.kernel.issue.IssueId;
import org.ledger.kernel.rectification.RectificationId;
import org.ledger.kernel.rectification.RectificationOutcome;
import org.ledger.kernel.rectification.WarningLevel;
import org.ledger.kernel.unit.UnitId;

/**
 * The issue and the responsibility agreement read back from their snapshots decide like the ones sourced from their
 * events: the issue's items and which of them are done, its root cause revision; the agreement's item weights, its
 * current tasks with their due dates, completion and recorded warnings, the ids already used, signatures, assessment.
 */
class IssueAndAgreementSnapshotTest {

    static final IssueId ISSUE = IssueId.of("issue-1");
    static final RectificationId ITEM_1 = RectificationId.of("rect-1");
    static final RectificationId ITEM_2 = RectificationId.of("rect-2");
    static final UnitId BRANCH = UnitId.of("branch-1");
    static final UnitId COMMITTEE = UnitId.of("sqdw");

    /** Two items: the first closed, reopened by a look-back and closed again; the second still open. */
    static final List<Object> ISSUE_HISTORY = List.of(
            new IssueRegistered(ISSUE, "流动党员管理不规范", "部分流动党员长期失联", null, "巡察-2025-01", null, null, BRANCH,
                    COMMITTEE, LocalDate.of(2025, 3, 10), null),
            new IssueAcknowledged(ISSUE, "lead", "认领"),
            new RootCauseRecorded(ISSUE, 1, "联系机制缺失"),
            new RootCauseRecorded(ISSUE, 2, "联系机制缺失，台账不全"),
            new RectificationItemAdded(ISSUE, ITEM_1),
            new RectificationItemAdded(ISSUE, ITEM_2),
            new RectificationOutcomeRecorded(ISSUE, ITEM_1, RectificationOutcome.CLOSED),
            new RectificationOutcomeRecorded(ISSUE, ITEM_2, RectificationOutcome.CLOSED),
            new IssueResolved(ISSUE),
            new RectificationOutcomeRecorded(ISSUE, ITEM_2, RectificationOutcome.REOPENED),
            new IssueReopened(ISSUE, ITEM_2, "回头看发现反弹"));

    @Test
    void issueWithAReopenedItem() {
        SnapshotRoundTrip<Issue> roundTrip = new SnapshotRoundTrip<>(Issue.class, ISSUE.value(), ISSUE_HISTORY);
        roundTrip.assertSameState();
        roundTrip.assertSameDecisions(List.of(
                new RecordRectificationOutcome(ISSUE, ITEM_2, RectificationOutcome.CLOSED, null),
                new RecordRectificationOutcome(ISSUE, ITEM_1, RectificationOutcome.REOPENED, "再次反弹"),
                new RecordRectificationOutcome(ISSUE, RectificationId.of("rect-9"), RectificationOutcome.CLOSED, null),
                new RecordRootCause(ISSUE, null, "联系机制缺失，台账不全"),
                new RecordRootCause(ISSUE, null, "新的分析"),
                new AcknowledgeIssue(ISSUE, null, "再认领")), "lead");
        roundTrip.assertSameDecisions(List.of(new DismissIssue(ISSUE, null, "误报")),
                Map.of(MetadataKeys.USER, "supervisor", MetadataKeys.UNIT, COMMITTEE.value()));
    }

    static final AgreementId AGREEMENT = AgreementId.of("agreement-2026");
    static final ResponsibilityItemId AITEM_1 = ResponsibilityItemId.of("item-1");
    static final ResponsibilityItemId AITEM_2 = ResponsibilityItemId.of("item-2");
    static final TaskId TASK_1 = TaskId.of("task-1");
    static final TaskId TASK_2 = TaskId.of("task-2");
    static final TaskId TASK_3 = TaskId.of("task-3");
    static final LocalDate SIGNED_ON = LocalDate.of(2026, 1, 15);

    static TaskPlanned taskPlanned(TaskId id, ResponsibilityItemId item, LocalDate due, String reason) {
        return new TaskPlanned(AGREEMENT, id, item, "每季度开展一次主题党日活动", BRANCH, "张明", due, reason);
    }

    /**
     * In force, amended: one task completed, one warned twice then moved to a later due date and warned again, one
     * cancelled (its id stays used), one overdue.
     */
    static final List<Object> AGREEMENT_HISTORY = List.of(
            new AgreementDrafted(AGREEMENT, "2026年度党建工作责任书", LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31),
                    COMMITTEE, BRANCH, 100, "supervisor"),
            new ResponsibilityItemAdded(AGREEMENT, AITEM_1, "组织建设", "严格落实“三会一课”制度", 60, null),
            new ResponsibilityItemAdded(AGREEMENT, AITEM_2, "宣传", "学习教育", 40, null),
            taskPlanned(TASK_1, AITEM_1, LocalDate.of(2026, 3, 31), null),
            taskPlanned(TASK_2, AITEM_1, LocalDate.of(2026, 6, 30), null),
            taskPlanned(TASK_3, AITEM_2, LocalDate.of(2026, 9, 30), null),
            new AgreementSigned(AGREEMENT, Party.RESPONSIBLE, "王书记", SIGNED_ON, "lead"),
            new AgreementSigned(AGREEMENT, Party.ISSUER, "李书记", SIGNED_ON, "supervisor"),
            new AgreementCameIntoForce(AGREEMENT, SIGNED_ON),
            new TaskProgressReported(AGREEMENT, TASK_1, AITEM_1, 100, "完成", LocalDate.of(2026, 3, 20), "lead"),
            new TaskCompleted(AGREEMENT, TASK_1, AITEM_1, LocalDate.of(2026, 3, 20)),
            new TaskDueSoon(AGREEMENT, TASK_2, WarningLevel.GREEN, LocalDate.of(2026, 6, 30), 20),
            new TaskDueSoon(AGREEMENT, TASK_2, WarningLevel.YELLOW, LocalDate.of(2026, 6, 30), 10),
            new TaskChanged(AGREEMENT, TASK_2, AITEM_1, "每季度开展一次主题党日活动", BRANCH, "张明",
                    LocalDate.of(2026, 8, 31), "延后"),
            new TaskDueSoon(AGREEMENT, TASK_2, WarningLevel.GREEN, LocalDate.of(2026, 8, 31), 20),
            new ResponsibilityItemChanged(AGREEMENT, AITEM_2, "宣传", "学习教育（调整）", 40, 40, "措辞"),
            new TaskCancelled(AGREEMENT, TASK_3, AITEM_2, "不再需要"),
            taskPlanned(TaskId.of("task-4"), AITEM_2, LocalDate.of(2026, 7, 31), "替代"),
            new TaskBecameOverdue(AGREEMENT, TaskId.of("task-4"), LocalDate.of(2026, 7, 31)),
            new TaskProgressReported(AGREEMENT, TASK_2, AITEM_1, 50, "进行中", LocalDate.of(2026, 8, 15), "lead"));

    @Test
    void agreementInForceWithAmendedTasks() {
        SnapshotRoundTrip<ResponsibilityAgreement> roundTrip = new SnapshotRoundTrip<>(ResponsibilityAgreement.class,
                AGREEMENT.value(), AGREEMENT_HISTORY, new WarningPolicy(20, 10, ZoneId.of("Asia/Shanghai")));
        roundTrip.assertSameState();
        LocalDate today = LocalDate.of(2026, 8, 20);
        Map<String, Object> supervisor = Map.of(MetadataKeys.USER, "supervisor", MetadataKeys.REASON, "调整");
        roundTrip.assertSameDecisions(List.of(
                new PlanTask(AGREEMENT, null, TASK_3, AITEM_2, "重复的编号", BRANCH, "张明", LocalDate.of(2026, 10, 31)),
                new PlanTask(AGREEMENT, null, TaskId.of("task-5"), AITEM_2, "新任务", BRANCH, "张明",
                        LocalDate.of(2026, 10, 31)),
                new ChangeTask(AGREEMENT, null, TASK_2, "改期", BRANCH, "张明", LocalDate.of(2026, 8, 31)),
                new ChangeTask(AGREEMENT, null, TASK_2, "改期", BRANCH, "张明", LocalDate.of(2026, 9, 30)),
                new ChangeTask(AGREEMENT, null, TASK_1, "已完成的任务", BRANCH, "张明", LocalDate.of(2026, 9, 30)),
                new CancelTask(AGREEMENT, null, TASK_3),
                new CancelTask(AGREEMENT, null, TASK_2),
                new SignAgreement(AGREEMENT, null, Party.ISSUER, "李书记", today),
                new AssessAgreement(AGREEMENT, null, List.of(new ItemScore(AITEM_1, new BigDecimal("55"), null),
                        new ItemScore(AITEM_2, new BigDecimal("38"), null)), Grade.EXCELLENT, today),
                new ArchiveAgreement(AGREEMENT, null, today)), supervisor);
        roundTrip.assertSameDecisions(List.of(
                new ReportTaskProgress(AGREEMENT, null, TASK_2, 100, "完成", true, today),
                new ReportTaskProgress(AGREEMENT, null, TASK_1, 100, "再报", true, today),
                new ReportTaskProgress(AGREEMENT, null, TaskId.of("task-4"), 60, "补做", false, today)),
                Map.of(MetadataKeys.USER, "lead"));
    }
}
