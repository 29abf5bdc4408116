package org.ledger.command.rectification;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;
import org.ledger.command.support.FreeText;
import org.ledger.kernel.Ids;
import org.ledger.kernel.rectification.RectificationType;
import org.ledger.kernel.rectification.VerificationOutcome;

/** Request bodies of the rectification endpoints: the structural checks (blank, length, range) live here. */
final class RectificationRequests {

    private RectificationRequests() {
    }

    @Schema(description = "Revises a plan that waits for approval or was returned")
    record RevisePlanRequest(
            @Schema(example = "建立流动党员微信群，每月推送学习资料并开展线上交流") @FreeText @NotBlank @Size(max = 4000) String measure,
            @Schema(example = "WITHIN_DEADLINE") @NotNull RectificationType type,
            @Schema(example = "branch-1") @NotNull @Pattern(regexp = Ids.PATTERN) String ownerUnitId,
            @Schema(description = "责任人", example = "张明") @FreeText @NotBlank @Size(max = 100) String ownerName,
            @Schema(description = "责任领导", example = "李华") @FreeText @Size(max = 100) String leaderName,
            @Schema(description = "整改时限", example = "2026-09-30") @NotNull LocalDate deadline,
            @Schema(description = "整改目标", example = "流动党员联系率达到100%") @FreeText @Size(max = 2000) String target) {
    }

    @Schema(description = "Approves the plan (审核通过)")
    record PlanApprovalRequest(@Schema(example = "同意") @FreeText @Size(max = 2000) String comment) {
    }

    @Schema(description = "Returns the plan for revision (退回)")
    record PlanReturnRequest(@Schema(example = "措施不够具体，请细化时间节点") @FreeText @NotBlank @Size(max = 2000) String reason) {
    }

    @Schema(description = "Reports progress (整改进展)")
    record ProgressReportRequest(
            @Schema(description = "percent complete, 0..100", example = "60") @NotNull @Min(0) @Max(100) Integer percent,
            @Schema(example = "微信群已建立，已有38名流动党员入群") @FreeText @NotBlank @Size(max = 4000) String note,
            @Schema(description = "ids of evidence already attached to this item", example = "[\"ev-1\"]")
            @Size(max = 50) List<@NotNull @Pattern(regexp = Ids.PATTERN) String> evidenceIds) {
    }

    @Schema(description = "Requests an extension (申请延期) before the deadline")
    record ExtensionRequestRequest(
            @Schema(description = "client-chosen id; generated when absent", example = "ext-1")
            @Pattern(regexp = Ids.PATTERN) String id,
            @Schema(example = "流动党员分布较散，需延长一个月完成联络") @FreeText @NotBlank @Size(max = 2000) String reason,
            @Schema(example = "2026-10-31") @NotNull LocalDate proposedDeadline) {
    }

    @Schema(description = "Approves an extension (批准延期); newDeadline defaults to the proposed date")
    record ExtensionApprovalRequest(
            @Schema(example = "2026-10-31") LocalDate newDeadline,
            @Schema(example = "同意延期") @FreeText @Size(max = 2000) String comment) {
    }

    @Schema(description = "Rejects an extension (不予延期)")
    record ExtensionRejectionRequest(@Schema(example = "时限内可以完成") @FreeText @NotBlank @Size(max = 2000) String reason) {
    }

    @Schema(description = "Requests closure (申请销号) with a completion statement and evidence")
    record ClosureRequest(
            @Schema(example = "微信群运行正常，联系率100%") @FreeText @NotBlank @Size(max = 4000) String statement,
            @Schema(description = "ids of attached evidence; at least one", example = "[\"ev-1\"]")
            @NotEmpty @Size(max = 50) List<@NotNull @Pattern(regexp = Ids.PATTERN) String> evidenceIds) {
    }

    @Schema(description = "Verifies a closure request (核查销号)")
    record VerificationRequest(
            @Schema(example = "CLOSED") @NotNull VerificationOutcome outcome,
            @Schema(example = "经核查，整改到位，同意销号") @FreeText @NotBlank @Size(max = 2000) String comment) {
    }

    @Schema(description = "Reopens a closed item (重新整改), e.g. after a look-back found it rebounded")
    record ReopeningRequest(
            @Schema(example = "回头看发现微信群已无人维护") @FreeText @NotBlank @Size(max = 2000) String reason,
            @Schema(example = "2026-12-31") @NotNull LocalDate newDeadline,
            @Schema(description = "the look-back campaign that found it", example = "lb-2026-h2")
            @Pattern(regexp = Ids.PATTERN) String lookBackId) {
    }
}
