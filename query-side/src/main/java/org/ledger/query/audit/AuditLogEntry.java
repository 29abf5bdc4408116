package org.ledger.query.audit;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/** One row of the audit log: one stored event with its actor and context. */
@Schema(description = "One event of the audit log")
public record AuditLogEntry(
        @Schema(description = "Position in the whole event store", example = "1042") long globalIndex,
        @Schema(description = "Event identifier", example = "5f1c1a9e-7d43-4a4f-9b0e-0b7c9f2f2a11") String eventId,
        @Schema(description = "Aggregate type", example = "RectificationItem") String aggregateType,
        @Schema(description = "Aggregate id", example = "rect-2024-001-1") String aggregateId,
        @Schema(description = "Position in the aggregate's stream", example = "3") Long sequenceNumber,
        @Schema(description = "Event name", example = "RectificationClosed") String type,
        @Schema(description = "When the event was stored", example = "2025-06-30T08:00:00Z") Instant timestamp,
        @Schema(description = "User who caused it", example = "supervisor") String user,
        @Schema(description = "Unit the user acted for", example = "jgw") String unit,
        @Schema(description = "Reason given, if any", example = "整改到位") String reason,
        @Schema(description = "Correlation id of the request",
                example = "0d6a3f2e-1c2b-4f55-9a55-2f6f0d2d8b77") String correlationId,
        @Schema(description = "The event's fields") JsonNode payload) {
}
