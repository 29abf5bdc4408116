package org.ledger.query.statistics;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.time.LocalDate;
import org.ledger.query.statistics.RectificationStatisticsQueries.GroupBy;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

@RestController
@RequestMapping("/api/statistics/rectification")
@Tag(name = "Statistics (整改统计)", description = "Rectification figures per unit (with its subtree), source and "
        + "type, over a period, as of any instant")
class RectificationStatisticsController {

    private final RectificationStatisticsQueries queries;

    RectificationStatisticsController(RectificationStatisticsQueries queries) {
        this.queries = queries;
    }

    @GetMapping
    @Operation(summary = "Rectification statistics per unit, source or type",
            description = "Issues found and items planned within [from, to] (inclusive dates; open when omitted), "
                    + "with their status as it stood at asOf (default now): issues, items, closed, ONGOING "
                    + "counted apart, rectification rate = closed / (items − ongoing), on-time rates = closed on "
                    + "or before the original / the effective deadline ÷ closed, overdue (open items whose "
                    + "effective deadline lies before asOf's date), reopened, average days to close. Issues count "
                    + "for their responsible unit, items for their owner unit; a unit counts with its whole "
                    + "subtree. groupBy=unit: one row per direct child of unitId (per root without unitId); "
                    + "the total is unitId with its whole subtree, its own items included.")
    @ApiResponse(responseCode = "200", description = "The figures")
    @ApiResponse(responseCode = "400", description = "Invalid parameter: from after to, unknown groupBy, bad date")
    @ApiResponse(responseCode = "404", description = "No such unit (at asOf)")
    RectificationStatistics statistics(
            @Parameter(description = "Unit whose subtree is counted; omit for all units", example = "sqdw")
            @RequestParam(required = false) String unitId,
            @Parameter(description = "What a row is: unit (direct child units with their subtrees), source "
                    + "(问题来源), type (整改类型)", example = "unit",
                    schema = @Schema(allowableValues = {"unit", "source", "type"}, defaultValue = "unit"))
            @RequestParam(defaultValue = "unit") String groupBy,
            @Parameter(description = "First day of the period, inclusive", example = "2026-01-01")
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @Parameter(description = "Last day of the period, inclusive", example = "2026-06-30")
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @Parameter(description = "The figures as they stood at this instant (ISO-8601); omit for now",
                    example = "2026-06-30T16:00:00Z")
            @RequestParam(required = false) Instant asOf) {
        GroupBy grouping = GroupBy.parse(groupBy).orElseThrow(() -> new ResponseStatusException(
                HttpStatus.BAD_REQUEST, "groupBy must be one of unit, source, type"));
        if (from != null && to != null && from.isAfter(to)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "from must not be after to");
        }
        String unit = unitId == null || unitId.isBlank() ? null : unitId.trim();
        try {
            return queries.compute(unit, grouping, from, to, asOf);
        } catch (RectificationStatisticsQueries.UnknownUnit e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, e.getMessage());
        }
    }
}
