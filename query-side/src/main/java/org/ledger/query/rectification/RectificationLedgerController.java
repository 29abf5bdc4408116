package org.ledger.query.rectification;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.ledger.kernel.issue.IssueSource;
import org.ledger.kernel.rectification.RectificationStatus;
import org.ledger.kernel.rectification.RectificationType;
import org.ledger.kernel.rectification.WarningLevel;
import org.ledger.query.access.CurrentUser;
import org.ledger.query.support.PageAnswer;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

@RestController
@RequestMapping("/api/ledgers/rectifications")
@Tag(name = "Rectification ledger (整改台账)", description = "Every rectification measure with its issue, owner, "
        + "deadlines, progress and closure (销号)")
class RectificationLedgerController {

    private final RectificationLedgerQueries queries;

    RectificationLedgerController(RectificationLedgerQueries queries) {
        this.queries = queries;
    }

    @GetMapping
    @Operation(summary = "List the rectification ledger",
            description = "A page of rectification items matching the filters. Sortable properties: "
                    + "effectiveDeadline, originalDeadline, plannedAt, updatedAt, status, type, ownerUnitId, "
                    + "issueSource, issueId, progressPercent, closedOn, id.")
    @ApiResponse(responseCode = "200", description = "A page of the ledger")
    @ApiResponse(responseCode = "400", description = "Invalid filter, paging or sort parameter")
    PageAnswer<RectificationLedgerEntry> list(
            @Parameter(description = "Owner unit id", example = "branch-02")
            @RequestParam(required = false) String unitId,
            @Parameter(description = "Issue id", example = "issue-2024-001")
            @RequestParam(required = false) String issueId,
            @Parameter(description = "Status; repeat the parameter for several")
            @RequestParam(name = "status", required = false) List<RectificationStatus> status,
            @Parameter(description = "Source of the issue (问题来源)")
            @RequestParam(required = false) IssueSource source,
            @Parameter(description = "Rectification type (整改类型)")
            @RequestParam(required = false) RectificationType type,
            @Parameter(description = "Effective deadline on or after this date", example = "2024-06-01")
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate deadlineFrom,
            @Parameter(description = "Effective deadline on or before this date", example = "2024-06-30")
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate deadlineTo,
            @Parameter(description = "Text contained in the measure or the issue title, case-insensitive")
            @RequestParam(required = false) String q,
            @Parameter(description = "true: only overdue items (effective deadline before today, not CLOSED or "
                    + "ONGOING); false: only items that are not overdue")
            @RequestParam(required = false) Boolean overdue,
            @Parameter(description = "Warning level (预警) the item recorded: GREEN 正常, YELLOW 临期, RED 逾期")
            @RequestParam(required = false) WarningLevel warningLevel,
            @Parameter(description = "Only items due within this many days from today (effective deadline from "
                    + "today to today + N), neither CLOSED nor ONGOING", example = "10")
            @RequestParam(required = false) Integer dueWithinDays,
            @Parameter(description = "true: only items waiting for the current user's verification (closure "
                    + "requested by someone else)", example = "true")
            @RequestParam(required = false) Boolean awaitingMyVerification,
            @Parameter(description = "true: only items waiting for the current user's approval (plan PLANNED, or an "
                    + "extension request someone else made)", example = "true")
            @RequestParam(required = false) Boolean awaitingMyApproval,
            @Parameter(description = "Read the ledger as it was at this instant (ISO-8601); omit for now",
                    example = "2024-06-30T16:00:00Z")
            @RequestParam(required = false) Instant asOf,
            @Parameter(description = "Page number, from 0", example = "0")
            @RequestParam(required = false) Integer page,
            @Parameter(description = "Page size, 1 to 200", example = "20")
            @RequestParam(required = false) Integer size,
            @Parameter(description = "Sort as property[,asc|desc]; repeatable", example = "effectiveDeadline,asc")
            @RequestParam(required = false) List<String> sort) {
        if (deadlineFrom != null && deadlineTo != null && deadlineFrom.isAfter(deadlineTo)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "deadlineFrom must not be after deadlineTo");
        }
        if (dueWithinDays != null && (dueWithinDays < 0 || dueWithinDays > 3650)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "dueWithinDays must be between 0 and 3650");
        }
        RectificationLedgerFilter filter = new RectificationLedgerFilter(unitId, issueId, status, source, type,
                deadlineFrom, deadlineTo, q, overdue, warningLevel, dueWithinDays, awaitingMyVerification,
                awaitingMyApproval, CurrentUser.name());
        return queries.list(filter, RectificationLedgerQueries.PAGING.pageable(page, size, sort), asOf);
    }

    @GetMapping("/{id}")
    @Operation(summary = "Read one row of the rectification ledger",
            description = "The row with its version as ETag; send the version back as If-Match when changing the item.")
    @ApiResponse(responseCode = "200", description = "The row")
    @ApiResponse(responseCode = "404", description = "No such rectification item (at that instant)")
    ResponseEntity<RectificationLedgerEntry> get(
            @Parameter(description = "Rectification item id", example = "rect-2024-001-1") @PathVariable String id,
            @Parameter(description = "Read the row as it was at this instant (ISO-8601); omit for now",
                    example = "2024-06-30T16:00:00Z")
            @RequestParam(required = false) Instant asOf) {
        RectificationLedgerEntry entry = queries.find(id, asOf).orElseThrow(() -> new ResponseStatusException(
                HttpStatus.NOT_FOUND, "No rectification item '" + id + "' in the rectification ledger"));
        return ResponseEntity.ok().eTag(String.valueOf(entry.version())).body(entry);
    }
}
