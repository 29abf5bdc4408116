package org.ledger.app.snapshot;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ledger.command.rectification.RectificationItem;
import org.ledger.command.rectification.WarningPolicy;
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
import org.ledger.kernel.rectification.RectificationCommands.RevisePlan;
import org.ledger.kernel.rectification.RectificationCommands.VerifyClosure;
import org.ledger.kernel.rectification.RectificationEvents.BecameOverdue;
import org.ledger.kernel.rectification.RectificationEvents.ClosureRequested;
import org.ledger.kernel.rectification.RectificationEvents.ClosureReturned;
import org.ledger.kernel.rectification.RectificationEvents.EvidenceAttached;
import org.ledger.kernel.rectification.RectificationEvents.ExtensionApproved;
import org.ledger.kernel.rectification.RectificationEvents.ExtensionRequested;
import org.ledger.kernel.rectification.RectificationEvents.ProgressReported;
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
 * A rectification item read back from its snapshot decides every next command like the item sourced from its events:
 * its evidence, pending extension, closure requester, the status a returned closure goes back to, the warnings already
 * recorded for its effective deadline and the latest date it has heard of all survive the snapshot.
 */
class RectificationItemSnapshotTest {

    static final RectificationId ITEM = RectificationId.of("rect-1");
    static final IssueId ISSUE = IssueId.of("issue-1");
    static final UnitId BRANCH = UnitId.of("branch-1");
    static final EvidenceId PHOTO = EvidenceId.of("ev-photo");
    static final EvidenceId MINUTES = EvidenceId.of("ev-minutes");
    static final ExtensionRequestId EXT_1 = ExtensionRequestId.of("ext-1");
    static final ExtensionRequestId EXT_2 = ExtensionRequestId.of("ext-2");
    static final LocalDate DEADLINE = LocalDate.of(2025, 6, 30);
    static final WarningPolicy POLICY = new WarningPolicy(20, 10, ZoneId.of("Asia/Shanghai"));

    static RectificationPlanned planned(RectificationType type) {
        return new RectificationPlanned(ITEM, ISSUE, "利用党员微信群对在册流动党员进行管理", type, BRANCH, "王书记", "李主任",
                DEADLINE, "流动党员全部纳入微信群管理", "lead", LocalDate.of(2025, 3, 20));
    }

    static EvidenceAttached attached(EvidenceId id) {
        return new EvidenceAttached(ITEM, id, id.value() + ".png", "image/png", 20_480L, "9f".repeat(32));
    }

    /**
     * Extended once (with a GREEN notice on the new deadline), closed, reopened by a look-back, warned again, and now
     * waiting for a decision on a second extension.
     */
    static final List<Object> REOPENED_WITH_PENDING_EXTENSION = List.of(
            planned(RectificationType.WITHIN_DEADLINE),
            new RectificationPlanApproved(ITEM, "同意", "supervisor"),
            attached(PHOTO),
            new ProgressReported(ITEM, 30, "已建群", List.of(PHOTO), LocalDate.of(2025, 4, 10)),
            new ExtensionRequested(ITEM, EXT_1, "外出党员春节后才返回", LocalDate.of(2025, 7, 31), "lead",
                    LocalDate.of(2025, 6, 1)),
            new ExtensionApproved(ITEM, EXT_1, LocalDate.of(2025, 7, 31), DEADLINE, "同意", "supervisor"),
            new WarningIssued(ITEM, WarningLevel.GREEN, LocalDate.of(2025, 7, 31), 20),
            attached(MINUTES),
            new ClosureRequested(ITEM, "已全部入群", List.of(PHOTO, MINUTES), "lead", LocalDate.of(2025, 7, 20)),
            new RectificationClosed(ITEM, ISSUE, "核查属实", "supervisor", LocalDate.of(2025, 7, 25)),
            new RectificationReopened(ITEM, ISSUE, "回头看发现反弹", LocalDate.of(2025, 10, 31), "lb-1", "supervisor",
                    LocalDate.of(2025, 8, 20)),
            new ProgressReported(ITEM, 60, "重新梳理名单", List.of(), LocalDate.of(2025, 9, 1)),
            new WarningIssued(ITEM, WarningLevel.GREEN, LocalDate.of(2025, 10, 31), 20),
            new WarningIssued(ITEM, WarningLevel.YELLOW, LocalDate.of(2025, 10, 31), 10),
            new ExtensionRequested(ITEM, EXT_2, "名单核对未完成", LocalDate.of(2025, 11, 30), "lead",
                    LocalDate.of(2025, 10, 22)));

    /** A long-term measure declared ongoing, whose second closure request (by the deputy) awaits verification. */
    static final List<Object> ONGOING_CLOSURE_REQUESTED = List.of(
            planned(RectificationType.LONG_TERM),
            new RectificationPlanApproved(ITEM, "同意", "supervisor"),
            attached(PHOTO),
            new ClosureRequested(ITEM, "长效机制已建立", List.of(PHOTO), "lead", LocalDate.of(2025, 5, 1)),
            new RectificationDeclaredOngoing(ITEM, ISSUE, "持续推进", "supervisor", LocalDate.of(2025, 5, 10)),
            new ProgressReported(ITEM, 80, "每月学习", List.of(PHOTO), LocalDate.of(2025, 6, 1)),
            new ClosureRequested(ITEM, "机制运行良好", List.of(PHOTO), "deputy", LocalDate.of(2025, 6, 20)));

    /** Overdue, then a returned closure request sent it back to work against the same (passed) deadline. */
    static final List<Object> OVERDUE_CLOSURE_RETURNED = List.of(
            planned(RectificationType.WITHIN_DEADLINE),
            new RectificationPlanApproved(ITEM, "同意", "supervisor"),
            new WarningIssued(ITEM, WarningLevel.GREEN, DEADLINE, 20),
            new WarningIssued(ITEM, WarningLevel.YELLOW, DEADLINE, 10),
            new BecameOverdue(ITEM, DEADLINE),
            attached(PHOTO),
            new ClosureRequested(ITEM, "已完成", List.of(PHOTO), "lead", LocalDate.of(2025, 7, 5)),
            new ClosureReturned(ITEM, "材料不足", "supervisor", RectificationStatus.IN_PROGRESS));

    static SnapshotRoundTrip<RectificationItem> roundTrip(List<Object> history) {
        return new SnapshotRoundTrip<>(RectificationItem.class, ITEM.value(), history, POLICY);
    }

    static List<Object> workOfTheOwnerUnit(LocalDate today) {
        return List.of(
                new ReportProgress(ITEM, null, 90, "名单核对", List.of(MINUTES), today),
                new ReportProgress(ITEM, null, 90, "名单核对", List.of(EvidenceId.of("ev-unknown")), today),
                new AttachEvidence(ITEM, null, PHOTO, "again.png", "image/png", 1L, "ab".repeat(32)),
                new AttachEvidence(ITEM, null, EvidenceId.of("ev-new"), "new.png", "image/png", 1L, "ab".repeat(32)),
                new RequestExtension(ITEM, null, ExtensionRequestId.of("ext-3"), "再延期", today.plusMonths(3), today),
                new RequestClosure(ITEM, null, "已完成", List.of(PHOTO, MINUTES), today),
                new RevisePlan(ITEM, null, "新措施", RectificationType.WITHIN_DEADLINE, BRANCH, "王书记", "李主任",
                        today.plusMonths(1), "目标", today));
    }

    static List<Object> decisionsOfTheSupervisor(LocalDate today) {
        return List.of(
                new ApproveExtension(ITEM, null, EXT_2, null, "同意"),
                new ApproveExtension(ITEM, null, EXT_1, null, "同意"),
                new RejectExtension(ITEM, null, EXT_2, "不同意"),
                new VerifyClosure(ITEM, null, VerificationOutcome.CLOSED, "核查属实", today),
                new VerifyClosure(ITEM, null, VerificationOutcome.ONGOING, "持续推进", today),
                new VerifyClosure(ITEM, null, VerificationOutcome.RETURNED, "材料不足", today),
                new ReopenRectification(ITEM, null, "反弹", today.plusMonths(2), "lb-2", today),
                new ApprovePlan(ITEM, null, "同意"));
    }

    @Test
    void reopenedItemWithAPendingExtension() {
        SnapshotRoundTrip<RectificationItem> roundTrip = roundTrip(REOPENED_WITH_PENDING_EXTENSION);
        roundTrip.assertSameState();
        LocalDate today = LocalDate.of(2025, 10, 25);
        roundTrip.assertSameDecisions(workOfTheOwnerUnit(today), "lead");
        roundTrip.assertSameDecisions(decisionsOfTheSupervisor(today), "supervisor");
        // the requester may not decide on its own extension
        roundTrip.assertSameDecisions(List.of(new ApproveExtension(ITEM, null, EXT_2, null, "自批")), "lead");
    }

    @Test
    void ongoingMeasureWhoseClosureAwaitsVerification() {
        SnapshotRoundTrip<RectificationItem> roundTrip = roundTrip(ONGOING_CLOSURE_REQUESTED);
        roundTrip.assertSameState();
        LocalDate today = LocalDate.of(2025, 6, 25);
        roundTrip.assertSameDecisions(decisionsOfTheSupervisor(today), "supervisor");
        // the deputy requested this closure and may not verify it; the lead may
        roundTrip.assertSameDecisions(decisionsOfTheSupervisor(today), "deputy");
        roundTrip.assertSameDecisions(decisionsOfTheSupervisor(today), "lead");
    }

    @Test
    void overdueItemBackAtWorkAfterAReturnedClosure() {
        SnapshotRoundTrip<RectificationItem> roundTrip = roundTrip(OVERDUE_CLOSURE_RETURNED);
        roundTrip.assertSameState();
        LocalDate today = LocalDate.of(2025, 7, 10);
        roundTrip.assertSameDecisions(workOfTheOwnerUnit(today), "lead");
        roundTrip.assertSameDecisions(decisionsOfTheSupervisor(today), "supervisor");
    }
}
