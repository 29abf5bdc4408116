package org.ledger.query.audit;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/** One stored event of an aggregate, as an auditor reads it. */
@Schema(description = "One event of an aggregate's history, as stored")
public record HistoryEntry(
        @Schema(description = "Position in the aggregate's stream, from 0", example = "3") long sequenceNumber,
        @Schema(description = "When the event was stored", example = "2025-06-30T08:00:00Z") Instant timestamp,
        @Schema(description = "Event name", example = "RectificationClosed") String type,
        @Schema(description = "Event identifier", example = "5f1c1a9e-7d43-4a4f-9b0e-0b7c9f2f2a11") String eventId,
        @Schema(description = "User who caused it", example = "supervisor") String user,
        @Schema(description = "Unit the user acted for", example = "jgw") String unit,
        @Schema(description = "Reason given, if any", example = "回头看发现反弹") String reason,
        @Schema(description = "Correlation id of the request that caused it",
                example = "0d6a3f2e-1c2b-4f55-9a55-2f6f0d2d8b77") String correlationId,
        @Schema(description = "The event's fields") JsonNode payload) {
}
