package org.ledger.command.lookback;

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
import org.ledger.kernel.lookback.CheckOutcome;

/** Request bodies of the look-back endpoints. */
final class LookBackRequests {

    private LookBackRequests() {
    }

    @Schema(description = "Opens a look-back campaign (回头看). Give sampleSize or samplePercent, or neither for all "
            + "closed items in scope.")
    record OpenLookBackRequest(
            @Schema(description = "client-chosen id; generated when absent", example = "lb-2026-h2")
            @Pattern(regexp = Ids.PATTERN) String id,
            @Schema(example = "2026年下半年整改回头看") @FreeText @NotBlank @Size(max = 200) String name,
            @Schema(description = "units in scope, each with its subtree", example = "[\"sqdw\"]")
            @NotEmpty @Size(max = 100) List<@NotNull @Pattern(regexp = Ids.PATTERN) String> unitIds,
            @Schema(description = "items closed on or after", example = "2026-01-01") @NotNull LocalDate closedFrom,
            @Schema(description = "items closed on or before", example = "2026-06-30") @NotNull LocalDate closedTo,
            @Schema(description = "draw this many items", example = "5") @Min(1) @Max(100000) Integer sampleSize,
            @Schema(description = "draw this percentage of the items (rounded up)", example = "30")
            @Min(1) @Max(100) Integer samplePercent,
            @Schema(description = "seed of the random draw; recorded so the draw can be reproduced; random when "
                    + "absent", example = "20260701") Long seed) {
    }

    @Schema(description = "Records the check of one sampled item (核查)")
    record CheckRequest(
            @Schema(example = "rect-1") @NotNull @Pattern(regexp = Ids.PATTERN) String rectificationId,
            @Schema(example = "REBOUNDED") @NotNull CheckOutcome outcome,
            @Schema(example = "微信群已无人维护，流动党员联系中断") @FreeText @NotBlank @Size(max = 4000) String finding,
            @Schema(description = "for REBOUNDED: the reopened item's deadline", example = "2026-12-31")
            LocalDate newDeadline,
            @Schema(description = "for NEW_ISSUE: the new issue's title; derived from the finding when absent",
                    example = "流动党员联系机制未长效运行") @FreeText @Size(max = 200) String issueTitle) {
    }

    @Schema(description = "Completes the campaign with a summary (总结)")
    record CompletionRequest(
            @Schema(example = "抽查5项，4项巩固，1项反弹已重新整改") @FreeText @NotBlank @Size(max = 4000) String summary) {
    }
}
