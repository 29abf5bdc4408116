package org.ledger.query.agreement;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.ledger.kernel.agreement.TaskStatus;
import org.ledger.kernel.rectification.WarningLevel;
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
@RequestMapping("/api/ledgers/tasks")
@Tag(name = "Task ledger (任务清单)", description = "Every task that carries out a responsibility item, with assignee, "
        + "due date, progress and whether it is overdue")
class TaskLedgerController {

    private final TaskLedgerQueries queries;

    TaskLedgerController(TaskLedgerQueries queries) {
        this.queries = queries;
    }

    @GetMapping
    @Operation(summary = "List the task ledger",
            description = "A page of tasks matching the filters. Sortable properties: id, agreementId, itemId, "
                    + "dueDate, status, assigneeUnitId, progressPercent, plannedAt, updatedAt.")
    @ApiResponse(responseCode = "200", description = "A page of the ledger")
    @ApiResponse(responseCode = "400", description = "Invalid filter, paging or sort parameter")
    PageAnswer<TaskLedgerEntry> list(
            @Parameter(description = "Assignee unit id, including its subtree", example = "branch-1")
            @RequestParam(required = false) String unitId,
            @Parameter(description = "Agreement id", example = "agreement-2026-branch-1")
            @RequestParam(required = false) String agreementId,
            @Parameter(description = "Status; repeat the parameter for several")
            @RequestParam(name = "status", required = false) List<TaskStatus> status,
            @Parameter(description = "true: only overdue tasks (due date passed, not completed); false: the others")
            @RequestParam(required = false) Boolean overdue,
            @Parameter(description = "Warning level (预警) the task recorded: GREEN 正常, YELLOW 临期, RED 逾期")
            @RequestParam(required = false) WarningLevel warningLevel,
            @Parameter(description = "Due on or after this date", example = "2026-06-01")
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate dueFrom,
            @Parameter(description = "Due on or before this date", example = "2026-06-30")
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate dueTo,
            @Parameter(description = "Text contained in the description, the item's content or the assignee's name, "
                    + "case-insensitive") @RequestParam(required = false) String q,
            @Parameter(description = "Read the ledger as it was at this instant (ISO-8601); omit for now",
                    example = "2026-06-30T16:00:00Z")
            @RequestParam(required = false) Instant asOf,
            @Parameter(description = "Page number, from 0", example = "0")
            @RequestParam(required = false) Integer page,
            @Parameter(description = "Page size, 1 to 200", example = "20")
            @RequestParam(required = false) Integer size,
            @Parameter(description = "Sort as property[,asc|desc]; repeatable", example = "dueDate,asc")
            @RequestParam(required = false) List<String> sort) {
        if (dueFrom != null && dueTo != null && dueFrom.isAfter(dueTo)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "dueFrom must not be after dueTo");
        }
        TaskLedgerFilter filter = new TaskLedgerFilter(unitId, agreementId, status, overdue, dueFrom, dueTo, q,
                warningLevel);
        return queries.list(filter, TaskLedgerQueries.PAGING.pageable(page, size, sort), asOf);
    }

    @GetMapping("/{taskId}")
    @Operation(summary = "Read one row of the task ledger",
            description = "Task ids are unique within an agreement; when two agreements use the same id, name the "
                    + "agreement with agreementId (otherwise 400).")
    @ApiResponse(responseCode = "200", description = "The row")
    @ApiResponse(responseCode = "400", description = "The task id is used by several agreements: add agreementId")
    @ApiResponse(responseCode = "404", description = "No such task (at that instant), or it was cancelled")
    ResponseEntity<TaskLedgerEntry> get(
            @Parameter(description = "Task id", example = "task-1") @PathVariable String taskId,
            @Parameter(description = "Agreement id, when the task id is used by several agreements",
                    example = "agreement-2026-branch-1")
            @RequestParam(required = false) String agreementId,
            @Parameter(description = "Read the row as it was at this instant (ISO-8601); omit for now",
                    example = "2026-06-30T16:00:00Z")
            @RequestParam(required = false) Instant asOf) {
        List<TaskLedgerEntry> found = queries.find(taskId, agreementId, asOf);
        if (found.isEmpty()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No task '" + taskId + "' in the task ledger");
        }
        if (found.size() > 1) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
                    "Task id '" + taskId + "' is used by several agreements; add agreementId");
        }
        TaskLedgerEntry entry = found.get(0);
        return ResponseEntity.ok().eTag(String.valueOf(entry.version())).body(entry);
    }
}
