package org.ledger.query.projection;

import io.swagger.v3.oas.annotations.media.Schema;

/** What an operator needs to know about one projection's event processor. */
@Schema(description = "State of one projection's event processor")
public record ProcessorState(
        @Schema(description = "Processing group", example = "rectification-ledger") String name,
        @Schema(description = "Whether the processor runs on this node", example = "true") boolean running,
        @Schema(description = "Whether it is being rebuilt (replaying; its endpoints answer 503)", example = "false")
        boolean rebuilding,
        @Schema(description = "Number of segments this node processes", example = "1") int segments,
        @Schema(description = "Lowest global index reached by the local segments; null when unknown",
                example = "1042") Long position,
        @Schema(description = "Whether a local segment is in error", example = "false") boolean error,
        @Schema(description = "Whether a rebuild of all resets it (the integrity chain only when named)",
                example = "true") boolean rebuiltByAll) {
}
