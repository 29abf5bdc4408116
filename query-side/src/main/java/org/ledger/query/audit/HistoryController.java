package org.ledger.query.audit;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

@RestController
@Tag(name = "Audit trail", description = "Histories, the audit log and the integrity check of the event store")
class HistoryController {

    private final EventHistory history;
    private final HistoryVisibility visibility;

    HistoryController(EventHistory history, HistoryVisibility visibility) {
        this.history = history;
        this.visibility = visibility;
    }

    @GetMapping("/api/{kind}/{id}/history")
    @Operation(summary = "Read the full history of an issue, rectification item or other aggregate",
            description = "Every stored event of the aggregate in order, read from the event store (not from a "
                    + "ledger): sequence number, time, event name, actor (user, unit), reason, correlation id and "
                    + "the event's fields. Kinds: " + "issues, rectifications, units, agreements, look-backs.")
    @ApiResponse(responseCode = "200", description = "The events, oldest first")
    @ApiResponse(responseCode = "404", description = "No aggregate of this kind has this id")
    List<HistoryEntry> history(
            @Parameter(description = "Aggregate kind", example = "rectifications") @PathVariable String kind,
            @Parameter(description = "Aggregate id", example = "rect-2024-001-1") @PathVariable String id,
            @Parameter(description = "Only events from this sequence number on", example = "0")
            @RequestParam(required = false) Long fromSequence) {
        if (fromSequence != null && fromSequence < 0) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "fromSequence must be 0 or more");
        }
        String type = AggregateKinds.aggregateType(kind).orElseThrow(() -> notFound(kind, id));
        if (!visibility.visible(type, id)) {
            throw notFound(kind, id);
        }
        return history.history(type, id, fromSequence == null ? 0 : fromSequence)
                .orElseThrow(() -> notFound(kind, id));
    }

    private static ResponseStatusException notFound(String kind, String id) {
        return new ResponseStatusException(HttpStatus.NOT_FOUND, "No " + kind + " with id '" + id + "'");
    }
}
