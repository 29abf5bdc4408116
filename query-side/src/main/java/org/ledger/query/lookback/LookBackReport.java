package org.ledger.query.lookback;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.ledger.kernel.lookback.CheckOutcome;
import org.ledger.kernel.lookback.LookBackStatus;
import org.ledger.kernel.lookback.SamplingMode;

/** A look-back campaign's report: scope, sampling, the sample with each outcome, and what they caused. */
@Schema(description = "A look-back campaign (回头看) with its sample, outcomes, reopened items and new issues")
record LookBackReport(
        @Schema(example = "lb-2026-h2") String id,
        @Schema(description = "the campaign's version; its ETag", example = "5") long version,
        @Schema(example = "2026年下半年整改回头看") String name,
        @Schema(example = "SAMPLED") LookBackStatus status,
        @Schema(description = "the units in scope (with their subtrees)", example = "[\"sqdw\"]") List<String> unitIds,
        @Schema(example = "2026-01-01") LocalDate closedFrom,
        @Schema(example = "2026-06-30") LocalDate closedTo,
        @Schema(example = "PERCENT") SamplingMode samplingMode,
        @Schema(description = "count or percentage; 0 for ALL", example = "50") int samplingValue,
        @Schema(description = "the recorded seed: the same candidates and seed draw the same sample",
                example = "20260701") long seed,
        @Schema(description = "closed items in scope when the sample was drawn", example = "8") int candidateCount,
        List<SampledItem> sample,
        @Schema(example = "3") int confirmed,
        @Schema(example = "1") int rebounded,
        @Schema(example = "0") int newIssues,
        @Schema(description = "sampled items not yet checked", example = "0") int unchecked,
        @Schema(description = "items this campaign reopened") List<String> reopenedItems,
        @Schema(description = "issues this campaign registered (source LOOK_BACK)") List<String> newIssueIds,
        @Schema(example = "整改成果总体巩固") String summary,
        @Schema(example = "supervisor") String openedBy,
        Instant openedAt,
        Instant completedAt) {

    @Schema(description = "One sampled item and the outcome of its check (null until checked)")
    record SampledItem(
            @Schema(example = "rect-1") String rectificationId,
            @Schema(example = "REBOUNDED") CheckOutcome outcome,
            @Schema(example = "微信群已无人维护") String finding,
            @Schema(description = "the reopened item's new deadline", example = "2026-12-31") LocalDate newDeadline,
            @Schema(description = "the issue registered for a new finding", example = "lb-2026-h2-rect-1")
            String newIssueId,
            @Schema(example = "supervisor") String checkedBy,
            @Schema(example = "2026-07-15") LocalDate checkedOn) {
    }
}
