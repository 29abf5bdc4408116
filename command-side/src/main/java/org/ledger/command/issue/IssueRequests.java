package org.ledger.command.issue;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import org.ledger.command.support.FreeText;
import org.ledger.kernel.Ids;
import org.ledger.kernel.issue.IssueSource;
import org.ledger.kernel.issue.Severity;
import org.ledger.kernel.rectification.RectificationType;

/** Request bodies of the issue endpoints: the structural checks (blank, length, format) live here. */
final class IssueRequests {

    private IssueRequests() {
    }

    @Schema(description = "Registers an issue (登记问题)")
    record RegisterIssueRequest(
            @Schema(description = "client-chosen id, so that a retried create is harmless; generated when absent",
                    example = "issue-2026-001")
            @Pattern(regexp = Ids.PATTERN) String id,
            @Schema(description = "short title", example = "流动党员管理存在欠缺")
            @FreeText @NotBlank @Size(max = 200) String title,
            @Schema(description = "the finding, kept verbatim",
                    example = "部分流动党员长期未参加组织生活，联系方式更新不及时。")
            @FreeText @NotBlank @Size(max = 4000) String description,
            @Schema(description = "where the issue was found", example = "SELF_EXAMINATION")
            @NotNull IssueSource source,
            @Schema(description = "inspection batch, feedback date or document number", example = "2026年上半年自查")
            @FreeText @Size(max = 200) String sourceReference,
            @Schema(description = "category", example = "组织建设") @FreeText @Size(max = 100) String category,
            @Schema(description = "severity", example = "MAJOR") Severity severity,
            @Schema(description = "the unit that must rectify", example = "branch-1")
            @NotNull @Pattern(regexp = Ids.PATTERN) String responsibleUnitId,
            @Schema(description = "the unit that raised the issue", example = "jgw")
            @NotNull @Pattern(regexp = Ids.PATTERN) String raisedByUnitId,
            @Schema(description = "the day the issue was found", example = "2026-06-15") @NotNull LocalDate foundOn,
            @Schema(description = "the responsibility item this issue shows was not fulfilled")
            @Valid ResponsibilityItemReference responsibilityItem) {
    }

    @Schema(description = "A responsibility item (责任事项) of an agreement")
    record ResponsibilityItemReference(
            @Schema(example = "agreement-2026-sqdw") @NotNull @Pattern(regexp = Ids.PATTERN) String agreementId,
            @Schema(example = "item-1") @NotNull @Pattern(regexp = Ids.PATTERN) String itemId) {
    }

    @Schema(description = "Acknowledges the issue for the responsible unit (签收)")
    record AcknowledgementRequest(
            @Schema(description = "optional note", example = "已签收，立即组织整改") @FreeText @Size(max = 2000) String reason) {
    }

    @Schema(description = "Records or revises the root-cause analysis (原因分析); every revision is kept")
    record RootCauseRequest(
            @Schema(example = "对流动党员底数掌握不清，缺少常态化联系机制。") @FreeText @NotBlank @Size(max = 4000) String analysis) {
    }

    @Schema(description = "Dismisses the issue (撤销); only the raising unit may, with a reason")
    record DismissalRequest(
            @Schema(example = "经核实不属实") @FreeText @NotBlank @Size(max = 2000) String reason) {
    }

    @Schema(description = "Plans a rectification item (整改措施) for the issue")
    record PlanRectificationRequest(
            @Schema(description = "client-chosen id; generated when absent", example = "rect-2026-001-1")
            @Pattern(regexp = Ids.PATTERN) String id,
            @Schema(example = "建立流动党员微信群，每月推送学习资料并开展线上交流") @FreeText @NotBlank @Size(max = 4000) String measure,
            @Schema(example = "WITHIN_DEADLINE") @NotNull RectificationType type,
            @Schema(description = "the unit that carries out the measure", example = "branch-1")
            @NotNull @Pattern(regexp = Ids.PATTERN) String ownerUnitId,
            @Schema(description = "责任人", example = "张明") @FreeText @NotBlank @Size(max = 100) String ownerName,
            @Schema(description = "责任领导", example = "李华") @FreeText @Size(max = 100) String leaderName,
            @Schema(description = "整改时限", example = "2026-09-30") @NotNull LocalDate deadline,
            @Schema(description = "整改目标", example = "流动党员联系率达到100%") @FreeText @Size(max = 2000) String target) {
    }
}
