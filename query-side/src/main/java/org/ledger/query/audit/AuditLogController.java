package org.ledger.query.audit;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import org.ledger.query.support.LedgerPaging;
import org.ledger.query.support.PageAnswer;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

@RestController
@Tag(name = "Audit trail", description = "Histories, the audit log and the integrity check of the event store")
class AuditLogController {

    private final AuditLogQueries queries;

    AuditLogController(AuditLogQueries queries) {
        this.queries = queries;
    }

    @GetMapping("/api/audit/events")
    @Operation(summary = "Search every event of the system (audit log)",
            description = "All stored events, newest first, filterable by actor, unit, event name, time range and "
                    + "aggregate. Built by the audit-log projection, so the newest events may appear a moment "
                    + "after their command answered.")
    @ApiResponse(responseCode = "200", description = "A page of events, newest first")
    @ApiResponse(responseCode = "400", description = "Invalid filter or paging parameter")
    PageAnswer<AuditLogEntry> events(
            @Parameter(description = "User name of the actor", example = "supervisor")
            @RequestParam(required = false) String user,
            @Parameter(description = "Unit the actor acted for", example = "jgw")
            @RequestParam(required = false) String unit,
            @Parameter(description = "Event name; repeat the parameter for several", example = "RectificationClosed")
            @RequestParam(name = "type", required = false) List<String> type,
            @Parameter(description = "Events stored at or after this instant (ISO-8601)",
                    example = "2025-06-01T00:00:00Z")
            @RequestParam(required = false) Instant from,
            @Parameter(description = "Events stored before this instant (ISO-8601)", example = "2025-07-01T00:00:00Z")
            @RequestParam(required = false) Instant to,
            @Parameter(description = "Only events of this aggregate", example = "rect-2024-001-1")
            @RequestParam(required = false) String aggregateId,
            @Parameter(description = "Page number, from 0", example = "0")
            @RequestParam(required = false) Integer page,
            @Parameter(description = "Page size, 1 to 200", example = "20")
            @RequestParam(required = false) Integer size) {
        int number = page == null ? 0 : page;
        int pageSize = size == null ? LedgerPaging.DEFAULT_SIZE : size;
        if (number < 0) {
            throw badRequest("page must be 0 or more");
        }
        if (pageSize < 1 || pageSize > LedgerPaging.MAX_SIZE) {
            throw badRequest("size must be between 1 and " + LedgerPaging.MAX_SIZE);
        }
        if (from != null && to != null && from.isAfter(to)) {
            throw badRequest("from must not be after to");
        }
        List<String> types = type == null ? List.of()
                : type.stream().filter(t -> t != null && !t.isBlank()).map(String::trim).toList();
        return queries.list(new AuditLogFilter(blankToNull(user), blankToNull(unit), types, from, to,
                blankToNull(aggregateId)), number, pageSize);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static ResponseStatusException badRequest(String message) {
        return new ResponseStatusException(HttpStatus.BAD_REQUEST, message);
    }
}
