package org.ledger.query.agreement;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import org.ledger.kernel.agreement.AgreementStatus;
import org.ledger.query.support.PageAnswer;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

@RestController
@RequestMapping("/api/ledgers/responsibilities")
@Tag(name = "Responsibility ledger (责任清单)", description = "Every responsibility item of every agreement, with its "
        + "weight, tasks, score and the issues that name it")
class ResponsibilityLedgerController {

    private final ResponsibilityLedgerQueries queries;

    ResponsibilityLedgerController(ResponsibilityLedgerQueries queries) {
        this.queries = queries;
    }

    @GetMapping
    @Operation(summary = "List the responsibility ledger",
            description = "A page of responsibility items matching the filters. Sortable properties: id, agreementId, "
                    + "category, weight, score, status, periodStart, periodEnd, responsibleUnitId, openIssueCount, "
                    + "addedAt, updatedAt.")
    @ApiResponse(responseCode = "200", description = "A page of the ledger")
    @ApiResponse(responseCode = "400", description = "Invalid filter, paging or sort parameter")
    PageAnswer<ResponsibilityLedgerEntry> list(
            @Parameter(description = "Issuer or responsible unit id, including its subtree", example = "branch-1")
            @RequestParam(required = false) String unitId,
            @Parameter(description = "Agreement id", example = "agreement-2026-branch-1")
            @RequestParam(required = false) String agreementId,
            @Parameter(description = "Agreement status; repeat the parameter for several")
            @RequestParam(name = "status", required = false) List<AgreementStatus> status,
            @Parameter(description = "Item category (类别), exact", example = "组织建设")
            @RequestParam(required = false) String category,
            @Parameter(description = "A year: agreements whose period overlaps it", example = "2026")
            @RequestParam(required = false) Integer period,
            @Parameter(description = "Text contained in the item's content or category or the agreement's title, "
                    + "case-insensitive") @RequestParam(required = false) String q,
            @Parameter(description = "Read the ledger as it was at this instant (ISO-8601); omit for now",
                    example = "2026-06-30T16:00:00Z")
            @RequestParam(required = false) Instant asOf,
            @Parameter(description = "Page number, from 0", example = "0")
            @RequestParam(required = false) Integer page,
            @Parameter(description = "Page size, 1 to 200", example = "20")
            @RequestParam(required = false) Integer size,
            @Parameter(description = "Sort as property[,asc|desc]; repeatable", example = "weight,desc")
            @RequestParam(required = false) List<String> sort) {
        if (period != null && (period < 1900 || period > 2999)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "period must be a year such as 2026");
        }
        ResponsibilityLedgerFilter filter = new ResponsibilityLedgerFilter(unitId, agreementId, status, category,
                period, q);
        return queries.list(filter, ResponsibilityLedgerQueries.PAGING.pageable(page, size, sort), asOf);
    }

    @GetMapping("/{agreementId}")
    @Operation(summary = "Read one agreement with its items",
            description = "The agreement with its version as ETag; send the version back as If-Match when changing "
                    + "the agreement, its items or its tasks.")
    @ApiResponse(responseCode = "200", description = "The agreement")
    @ApiResponse(responseCode = "404", description = "No such agreement (at that instant)")
    ResponseEntity<AgreementView> get(
            @Parameter(description = "Agreement id", example = "agreement-2026-branch-1") @PathVariable String agreementId,
            @Parameter(description = "Read the agreement as it was at this instant (ISO-8601); omit for now",
                    example = "2026-06-30T16:00:00Z")
            @RequestParam(required = false) Instant asOf) {
        AgreementView view = queries.find(agreementId, asOf).orElseThrow(() -> new ResponseStatusException(
                HttpStatus.NOT_FOUND, "No agreement '" + agreementId + "' in the responsibility ledger"));
        return ResponseEntity.ok().eTag(String.valueOf(view.version())).body(view);
    }
}
