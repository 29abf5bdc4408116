package org.ledger.query.statistics;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** The answer of {@code GET /api/statistics/rectification}: rows of one grouping plus their total. */
@Schema(name = "RectificationStatistics", description = "Rectification statistics (整改统计) as they stood at asOf")
public record RectificationStatistics(
        @Schema(description = "The instant the figures are as of", example = "2026-06-30T16:00:00Z") Instant asOf,
        @Schema(description = "The day overdue is judged on: asOf's date in the organisation's time zone",
                example = "2026-07-01") LocalDate today,
        @Schema(description = "The unit whose subtree is counted; null for all units", example = "sqdw")
        String unitId,
        @Schema(description = "The period: issues found and items planned within it (dates inclusive)")
        Period period,
        @Schema(description = "What a row is: unit (the unit's direct child units, each with its subtree), source "
                + "(问题来源) or type (整改类型)", example = "unit") String groupBy,
        @Schema(description = "One row per child unit, source or type") List<StatisticsRow> rows,
        @Schema(description = "The unit with its whole subtree (or everything), over the same period") StatisticsRow total) {

    /** The period of the statistics; a missing bound is open. */
    @Schema(name = "StatisticsPeriod", description = "Issues found and items planned from … to (inclusive)")
    public record Period(
            @Schema(description = "First day, inclusive; null: from the beginning", example = "2026-01-01")
            LocalDate from,
            @Schema(description = "Last day, inclusive; null: no end", example = "2026-06-30") LocalDate to) {
    }
}
