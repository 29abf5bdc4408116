package org.ledger.kernel.rectification;

import java.time.LocalDate;
import java.util.List;
import org.axonframework.serialization.Revision;
import org.ledger.kernel.issue.IssueId;
import org.ledger.kernel.unit.UnitId;

/** Events of the {@code RectificationItem} aggregate, each with a {@link Revision}. */
public final class RectificationEvents {

    private RectificationEvents() {
    }

    /** The first event of an item's stream: the measure, its owner and its (original) deadline. */
    @Revision("1")
    public record RectificationPlanned(
            RectificationId rectificationId,
            IssueId issueId,
            String measure,
            RectificationType type,
            UnitId ownerUnitId,
            String ownerName,
            String leaderName,
            LocalDate deadline,
            String target,
            String plannedBy,
            LocalDate plannedOn) {
    }

    @Revision("1")
    public record RectificationPlanRevised(
            RectificationId rectificationId,
            String measure,
            RectificationType type,
            UnitId ownerUnitId,
            String ownerName,
            String leaderName,
            LocalDate deadline,
            String target) {
    }

    @Revision("1")
    public record RectificationPlanApproved(RectificationId rectificationId, String comment, String approvedBy) {
    }

    @Revision("1")
    public record RectificationPlanReturned(RectificationId rectificationId, String reason, String returnedBy) {
    }

    @Revision("1")
    public record ProgressReported(RectificationId rectificationId, int percent, String note,
                                   List<EvidenceId> evidenceIds, LocalDate reportedOn) {
    }

    @Revision("1")
    public record EvidenceAttached(RectificationId rectificationId, EvidenceId evidenceId, String name,
                                   String mediaType, long size, String sha256) {
    }

    @Revision("1")
    public record ExtensionRequested(RectificationId rectificationId, ExtensionRequestId requestId, String reason,
                                     LocalDate proposedDeadline, String requestedBy, LocalDate requestedOn) {
    }

    /** The effective deadline moves to {@code newDeadline}; the original deadline stays as it was planned. */
    @Revision("1")
    public record ExtensionApproved(RectificationId rectificationId, ExtensionRequestId requestId,
                                    LocalDate newDeadline, LocalDate previousDeadline, String comment,
                                    String approvedBy) {
    }

    @Revision("1")
    public record ExtensionRejected(RectificationId rectificationId, ExtensionRequestId requestId, String reason,
                                    String rejectedBy) {
    }

    @Revision("1")
    public record ClosureRequested(RectificationId rectificationId, String statement, List<EvidenceId> evidenceIds,
                                   String requestedBy, LocalDate requestedOn) {
    }

    /** Verified and closed (销号). A pending extension request lapses with it. */
    @Revision("1")
    public record RectificationClosed(RectificationId rectificationId, IssueId issueId, String comment,
                                      String verifiedBy, LocalDate closedOn) {
    }

    /** A long-term measure verified as working: stays open with periodic reports. */
    @Revision("1")
    public record RectificationDeclaredOngoing(RectificationId rectificationId, IssueId issueId, String comment,
                                               String verifiedBy, LocalDate verifiedOn) {
    }

    /**
     * The verifier sent the closure request back; the item returns to where it was before the request:
     * IN_PROGRESS, or ONGOING for a long-term measure (so its issue keeps counting it as done).
     */
    @Revision("1")
    public record ClosureReturned(RectificationId rectificationId, String comment, String verifiedBy,
                                  RectificationStatus returnedTo) {
    }

    /** A closed (or ongoing) item is open again, with a new deadline; the earlier closure stays in history. */
    @Revision("1")
    public record RectificationReopened(RectificationId rectificationId, IssueId issueId, String reason,
                                        LocalDate newDeadline, String lookBackId, String reopenedBy,
                                        LocalDate reopenedOn) {
    }

    /**
     * The persistent deadline scheduler found the effective deadline near: {@code level} GREEN is the early notice,
     * YELLOW the deadline-near warning. {@code daysLeft} is the threshold the warning marks ("the deadline is at most
     * this many days away"); recorded once per level and effective deadline.
     */
    @Revision("1")
    public record WarningIssued(RectificationId rectificationId, WarningLevel level, LocalDate effectiveDeadline,
                                int daysLeft) {
    }

    /** The effective deadline passed without the item being closed (逾期); recorded once per effective deadline. */
    @Revision("1")
    public record BecameOverdue(RectificationId rectificationId, LocalDate effectiveDeadline) {
    }
}
