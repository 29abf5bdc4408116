package org.ledger.query.statistics;

import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;

/** One row of the rectification statistics: the figures of one unit (with its subtree), source or type. */
@Schema(name = "RectificationStatisticsRow", description = "The figures of one unit (with its subtree), one issue "
        + "source or one rectification type; rates as decimals 0..1 with 4 places, null when the denominator is 0. "
        + "Definitions in README-statistics.")
public record StatisticsRow(
        @Schema(description = "Unit id, IssueSource or RectificationType constant; for the total the unit asked "
                + "for (null for everything)", example = "branch-1") String key,
        @Schema(description = "Unit name, or the Chinese label of the source or type", example = "第一党支部")
        String label,
        @Schema(description = "Issues found in the period and not dismissed (by the issue's responsible unit); "
                + "with groupBy=type: distinct issues of the counted items of that type", example = "3") long issues,
        @Schema(description = "Issues found in the period and dismissed", example = "1") long dismissedIssues,
        @Schema(description = "Rectification items planned in the period, of issues not dismissed (by the item's "
                + "owner unit)", example = "6") long items,
        @Schema(description = "Of those, CLOSED (销号) at asOf", example = "3") long closed,
        @Schema(description = "Of those, ONGOING (长期坚持) at asOf; counted apart: neither rectified nor open",
                example = "1") long ongoing,
        @Schema(description = "closed / (items − ongoing)", example = "0.6") BigDecimal rectificationRate,
        @Schema(description = "closed on or before the original deadline / closed", example = "0.6667")
        BigDecimal onTimeRateOriginal,
        @Schema(description = "closed on or before the effective deadline (after extensions and reopenings) / "
                + "closed", example = "1") BigDecimal onTimeRateEffective,
        @Schema(description = "Items neither CLOSED nor ONGOING whose effective deadline lies before asOf's date",
                example = "1") long overdue,
        @Schema(description = "Items reopened at least once (by asOf)", example = "1") long reopened,
        @Schema(description = "Mean days from planned-on to closed-on over the closed items, 2 places; null if none",
                example = "41.33") BigDecimal averageDaysToClose) {
}
