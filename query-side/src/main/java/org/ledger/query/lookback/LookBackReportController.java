package org.ledger.query.lookback;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.ledger.kernel.lookback.LookBackStatus;
import org.ledger.query.support.PageAnswer;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** Reads look-back campaigns and their reports. */
@RestController
@RequestMapping("/api/look-backs")
@Tag(name = "Look-backs 回头看", description = "Campaigns that re-check a sample of closed rectification items")
class LookBackReportController {

    private static final int MAX_PAGE_SIZE = 200;

    private final LookBackQueries queries;

    LookBackReportController(LookBackQueries queries) {
        this.queries = queries;
    }

    @GetMapping
    @Operation(summary = "List look-back campaigns (回头看), newest first")
    PageAnswer<LookBackReport> list(
            @Parameter(description = "only campaigns in this status") @RequestParam(required = false)
            LookBackStatus status,
            @Parameter(description = "page number, from 0") @RequestParam(defaultValue = "0") int page,
            @Parameter(description = "rows per page, 1..200") @RequestParam(defaultValue = "20") int size) {
        if (page < 0 || size < 1 || size > MAX_PAGE_SIZE) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "page must be >= 0 and size within 1..200");
        }
        return queries.list(status, page, size);
    }

    @GetMapping("/{id}")
    @Operation(summary = "Read a look-back report: scope, sample, each outcome, reopened items and new issues")
    ResponseEntity<LookBackReport> read(@PathVariable String id) {
        LookBackReport report = queries.find(id).orElseThrow(() ->
                new ResponseStatusException(HttpStatus.NOT_FOUND, "no look-back with this id"));
        return ResponseEntity.ok().eTag("\"" + report.version() + "\"").body(report);
    }
}
