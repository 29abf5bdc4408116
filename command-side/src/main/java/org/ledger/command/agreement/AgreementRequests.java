package org.ledger.command.agreement;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.ledger.command.support.FreeText;
import org.ledger.kernel.Ids;
import org.ledger.kernel.agreement.Grade;
import org.ledger.kernel.agreement.Party;

/** Request bodies of the agreement endpoints: the structural checks (blank, length, range) live here. */
final class AgreementRequests {

    private static final String AMENDMENT_REASON_DOC =
            "why the signed agreement is amended; required once a party has signed (409 AmendmentNeedsReason)";

    private AgreementRequests() {
    }

    @Schema(description = "Drafts a responsibility agreement (起草党建责任书)")
    record DraftAgreementRequest(
            @Schema(description = "client-chosen id, so that a retried create is harmless; generated when absent",
                    example = "agreement-2026-branch-1")
            @Pattern(regexp = Ids.PATTERN) String id,
            @Schema(description = "title", example = "2026年度第一党支部党建工作责任书")
            @FreeText @NotBlank @Size(max = 200) String title,
            @Schema(description = "first day of the period", example = "2026-01-01") @NotNull LocalDate periodStart,
            @Schema(description = "last day of the period", example = "2026-12-31") @NotNull LocalDate periodEnd,
            @Schema(description = "the issuing, higher-level unit (上级)", example = "sqdw")
            @NotNull @Pattern(regexp = Ids.PATTERN) String issuerUnitId,
            @Schema(description = "the responsible, lower-level unit (下级)", example = "branch-1")
            @NotNull @Pattern(regexp = Ids.PATTERN) String responsibleUnitId,
            @Schema(description = "full score the item weights add up to; 100 when absent", example = "100")
            @Positive @Max(10_000) Integer fullScore) {
    }

    @Schema(description = "Adds a responsibility item (责任事项)")
    record AddItemRequest(
            @Schema(description = "client-chosen id, unique in the agreement; generated when absent",
                    example = "item-1")
            @Pattern(regexp = Ids.PATTERN) String id,
            @Schema(description = "category (类别)", example = "组织建设") @FreeText @NotBlank @Size(max = 100) String category,
            @Schema(description = "what the responsible unit undertakes", example = "严格落实“三会一课”制度，每月召开支委会")
            @FreeText @NotBlank @Size(max = 4000) String content,
            @Schema(description = "weight in points (分值)", example = "30") @Positive @Max(10_000) int weight,
            @Schema(description = AMENDMENT_REASON_DOC, example = "根据街工委年度重点任务调整")
            @FreeText @Size(max = 2000) String reason) {
    }

    @Schema(description = "Changes a responsibility item (修改责任事项)")
    record ChangeItemRequest(
            @Schema(description = "category (类别)", example = "组织建设") @FreeText @NotBlank @Size(max = 100) String category,
            @Schema(description = "what the responsible unit undertakes", example = "严格落实“三会一课”制度，每月召开支委会")
            @FreeText @NotBlank @Size(max = 4000) String content,
            @Schema(description = "weight in points (分值)", example = "25") @Positive @Max(10_000) int weight,
            @Schema(description = AMENDMENT_REASON_DOC, example = "根据街工委年度重点任务调整")
            @FreeText @Size(max = 2000) String reason) {
    }

    @Schema(description = "Why an item is removed or a task cancelled from a signed agreement")
    record AmendmentRequest(
            @Schema(description = AMENDMENT_REASON_DOC, example = "该事项已并入其他事项") @FreeText @Size(max = 2000) String reason) {
    }

    @Schema(description = "Plans a task (任务) that carries out a responsibility item")
    record PlanTaskRequest(
            @Schema(description = "client-chosen id, unique in the agreement; generated when absent",
                    example = "task-1")
            @Pattern(regexp = Ids.PATTERN) String id,
            @Schema(description = "what is to be done", example = "每季度开展一次主题党日活动")
            @FreeText @NotBlank @Size(max = 4000) String description,
            @Schema(description = "the unit that carries it out", example = "branch-1")
            @NotNull @Pattern(regexp = Ids.PATTERN) String assigneeUnitId,
            @Schema(description = "the person who carries it out (责任人)", example = "张明")
            @FreeText @NotBlank @Size(max = 100) String assigneeName,
            @Schema(description = "due date, within the agreement's period", example = "2026-06-30")
            @NotNull LocalDate dueDate,
            @Schema(description = AMENDMENT_REASON_DOC, example = "补充年中专项任务") @FreeText @Size(max = 2000) String reason) {
    }

    @Schema(description = "Changes a task (修改任务); its item stays")
    record ChangeTaskRequest(
            @Schema(description = "what is to be done", example = "每季度开展一次主题党日活动")
            @FreeText @NotBlank @Size(max = 4000) String description,
            @Schema(description = "the unit that carries it out", example = "branch-1")
            @NotNull @Pattern(regexp = Ids.PATTERN) String assigneeUnitId,
            @Schema(description = "the person who carries it out (责任人)", example = "李华")
            @FreeText @NotBlank @Size(max = 100) String assigneeName,
            @Schema(description = "due date, within the agreement's period", example = "2026-09-30")
            @NotNull LocalDate dueDate,
            @Schema(description = AMENDMENT_REASON_DOC, example = "责任人岗位调整") @FreeText @Size(max = 2000) String reason) {
    }

    @Schema(description = "Signs the agreement for one party (签订)")
    record SignatureRequest(
            @Schema(description = "the party signing: ISSUER 上级 or RESPONSIBLE 下级", example = "RESPONSIBLE")
            @NotNull Party party,
            @Schema(description = "name of the person signing", example = "王书记") @FreeText @NotBlank @Size(max = 100)
            String signerName,
            @Schema(description = "date of the signature", example = "2026-01-15") @NotNull LocalDate signedOn) {
    }

    @Schema(description = "Reports progress of a task (报告任务进展)")
    record TaskProgressRequest(
            @Schema(description = "progress in percent; 100 when completed", example = "60")
            @NotNull @Min(0) @Max(100) Integer percent,
            @Schema(description = "what was done", example = "已开展两次主题党日活动") @FreeText @NotBlank @Size(max = 4000) String note,
            @Schema(description = "true: the task is done (final); then percent must be 100", example = "false")
            Boolean completed) {
    }

    @Schema(description = "The score of one item (单项得分)")
    record ItemScoreRequest(
            @Schema(description = "item id", example = "item-1") @NotNull @Pattern(regexp = Ids.PATTERN) String itemId,
            @Schema(description = "score between 0 and the item's weight, at most two decimals", example = "27.5")
            @NotNull @DecimalMin("0") @Digits(integer = 5, fraction = 2) BigDecimal score,
            @Schema(description = "comment (考评意见)", example = "制度落实到位，个别记录不完整")
            @FreeText @Size(max = 2000) String comment) {
    }

    @Schema(description = "Assesses the agreement (述职考评): a score per item and a grade")
    record AssessmentRequest(
            @Schema(description = "one score for every item of the agreement",
                    example = "[{\"itemId\": \"item-1\", \"score\": 27.5, \"comment\": \"制度落实到位\"}]")
            @NotEmpty @Size(max = 500) List<@Valid @NotNull ItemScoreRequest> scores,
            @Schema(description = "grade: EXCELLENT 优秀, GOOD 良好, PASS 合格, FAIL 不合格", example = "GOOD")
            @NotNull Grade grade,
            @Schema(description = "why the agreement is assessed again; required for a re-assessment",
                    example = "复核后调整得分")
            @FreeText @Size(max = 2000) String reason) {
    }

    @Schema(description = "Archives the agreement at the end of its period (归档)")
    record ArchivalRequest(
            @Schema(description = "optional note", example = "年度考评完成，归档") @FreeText @Size(max = 2000) String reason) {
    }
}
