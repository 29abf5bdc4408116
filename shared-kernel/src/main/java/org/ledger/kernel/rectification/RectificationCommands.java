package org.ledger.kernel.rectification;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.ledger.kernel.unit.ReferencesUnits;
import org.ledger.kernel.unit.UnitId;

/**
 * Commands of the {@code RectificationItem} aggregate. Dates such as {@code requestedOn} are today's date
 * as the sender's clock reads it: the aggregate never reads a clock. {@code expectedVersion} is the
 * client's {@code If-Match}, null when it sent none.
 */
public final class RectificationCommands {

    private RectificationCommands() {
    }

    /** Changes a PLANNED or returned plan; goes back to the supervising side for approval. */
    public record RevisePlan(
            @TargetAggregateIdentifier RectificationId rectificationId,
            @TargetAggregateVersion Long expectedVersion,
            String measure,
            RectificationType type,
            UnitId ownerUnitId,
            String ownerName,
            String leaderName,
            LocalDate deadline,
            String target,
            LocalDate revisedOn) implements ReferencesUnits {

        @Override
        public List<UnitId> referencedUnits() {
            return Arrays.asList(ownerUnitId);
        }
    }

    public record ApprovePlan(
            @TargetAggregateIdentifier RectificationId rectificationId,
            @TargetAggregateVersion Long expectedVersion,
            String comment) {
    }

    public record ReturnPlan(
            @TargetAggregateIdentifier RectificationId rectificationId,
            @TargetAggregateVersion Long expectedVersion,
            String reason) {
    }

    public record ReportProgress(
            @TargetAggregateIdentifier RectificationId rectificationId,
            @TargetAggregateVersion Long expectedVersion,
            int percent,
            String note,
            List<EvidenceId> evidenceIds,
            LocalDate reportedOn) {
    }

    /** Records a piece of evidence by reference: its name, media type, size and SHA-256. */
    public record AttachEvidence(
            @TargetAggregateIdentifier RectificationId rectificationId,
            @TargetAggregateVersion Long expectedVersion,
            EvidenceId evidenceId,
            String name,
            String mediaType,
            long size,
            String sha256) {
    }

    public record RequestExtension(
            @TargetAggregateIdentifier RectificationId rectificationId,
            @TargetAggregateVersion Long expectedVersion,
            ExtensionRequestId requestId,
            String reason,
            LocalDate proposedDeadline,
            LocalDate requestedOn) {
    }

    /** Approves a pending extension; {@code newDeadline} null means the proposed date. */
    public record ApproveExtension(
            @TargetAggregateIdentifier RectificationId rectificationId,
            @TargetAggregateVersion Long expectedVersion,
            ExtensionRequestId requestId,
            LocalDate newDeadline,
            String comment) {
    }

    public record RejectExtension(
            @TargetAggregateIdentifier RectificationId rectificationId,
            @TargetAggregateVersion Long expectedVersion,
            ExtensionRequestId requestId,
            String reason) {
    }

    public record RequestClosure(
            @TargetAggregateIdentifier RectificationId rectificationId,
            @TargetAggregateVersion Long expectedVersion,
            String statement,
            List<EvidenceId> evidenceIds,
            LocalDate requestedOn) {
    }

    public record VerifyClosure(
            @TargetAggregateIdentifier RectificationId rectificationId,
            @TargetAggregateVersion Long expectedVersion,
            VerificationOutcome outcome,
            String comment,
            LocalDate verifiedOn) {
    }

    public record ReopenRectification(
            @TargetAggregateIdentifier RectificationId rectificationId,
            @TargetAggregateVersion Long expectedVersion,
            String reason,
            LocalDate newDeadline,
            String lookBackId,
            LocalDate reopenedOn) {
    }
}
