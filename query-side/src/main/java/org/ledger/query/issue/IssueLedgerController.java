package org.ledger.query.issue;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.ledger.kernel.issue.IssueSource;
import org.ledger.kernel.issue.IssueStatus;
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
@RequestMapping("/api/ledgers/issues")
@Tag(name = "Issue ledger (问题清单)", description = "Issues found by inspections, look-backs, patrol feedback, "
        + "self-examination …, with their status and rectification counts")
class IssueLedgerController {

    private final IssueLedgerQueries queries;

    IssueLedgerController(IssueLedgerQueries queries) {
        this.queries = queries;
    }

    @GetMapping
    @Operation(summary = "List the issue ledger",
            description = "A page of issues matching the filters. Sortable properties: foundOn, registeredAt, "
                    + "updatedAt, title, status, source, category, severity, responsibleUnitId, itemCount, id.")
    @ApiResponse(responseCode = "200", description = "A page of the ledger")
    @ApiResponse(responseCode = "400", description = "Invalid filter, paging or sort parameter")
    PageAnswer<IssueLedgerEntry> list(
            @Parameter(description = "Responsible unit id", example = "branch-02")
            @RequestParam(required = false) String unitId,
            @Parameter(description = "Status; repeat the parameter for several")
            @RequestParam(name = "status", required = false) List<IssueStatus> status,
            @Parameter(description = "Issue source (问题来源)")
            @RequestParam(required = false) IssueSource source,
            @Parameter(description = "Category, exact match") @RequestParam(required = false) String category,
            @Parameter(description = "Text contained in title or description, case-insensitive")
            @RequestParam(required = false) String q,
            @Parameter(description = "Found on or after this date", example = "2024-01-01")
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate foundFrom,
            @Parameter(description = "Found on or before this date", example = "2024-12-31")
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate foundTo,
            @Parameter(description = "Read the ledger as it was at this instant (ISO-8601); omit for now",
                    example = "2024-06-30T16:00:00Z")
            @RequestParam(required = false) Instant asOf,
            @Parameter(description = "Page number, from 0", example = "0")
            @RequestParam(required = false) Integer page,
            @Parameter(description = "Page size, 1 to 200", example = "20")
            @RequestParam(required = false) Integer size,
            @Parameter(description = "Sort as property[,asc|desc]; repeatable", example = "foundOn,desc")
            @RequestParam(required = false) List<String> sort) {
        if (foundFrom != null && foundTo != null && foundFrom.isAfter(foundTo)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "foundFrom must not be after foundTo");
        }
        IssueLedgerFilter filter = new IssueLedgerFilter(unitId, status, source, category, q, foundFrom, foundTo);
        return queries.list(filter, IssueLedgerQueries.PAGING.pageable(page, size, sort), asOf);
    }

    @GetMapping("/{id}")
    @Operation(summary = "Read one row of the issue ledger",
            description = "The row with its version as ETag; send the version back as If-Match when changing the issue.")
    @ApiResponse(responseCode = "200", description = "The row")
    @ApiResponse(responseCode = "404", description = "No such issue (at that instant)")
    ResponseEntity<IssueLedgerEntry> get(
            @Parameter(description = "Issue id", example = "issue-2024-001") @PathVariable String id,
            @Parameter(description = "Read the row as it was at this instant (ISO-8601); omit for now",
                    example = "2024-06-30T16:00:00Z")
            @RequestParam(required = false) Instant asOf) {
        IssueLedgerEntry entry = queries.find(id, asOf).orElseThrow(() ->
                new ResponseStatusException(HttpStatus.NOT_FOUND, "No issue '" + id + "' in the issue ledger"));
        return ResponseEntity.ok().eTag(String.valueOf(entry.version())).body(entry);
    }
}
