package org.ledger.query.audit;

import io.swagger.v3.oas.annotations.media.Schema;
import org.ledger.kernel.Labelled;

/** The result of recomputing the hash chain over the stored events and comparing it with the recorded one. */
@Schema(description = "Result of the integrity check of the event store")
public record IntegrityReport(
        @Schema(description = "INTACT when every recorded link matches the stored events, else BROKEN",
                example = "INTACT") Status status,
        @Schema(description = "Number of recorded events recomputed and compared", example = "1042")
        long eventsChecked,
        @Schema(description = "The last recorded link of the chain; null when nothing is recorded yet") Link head,
        @Schema(description = "The first event that no longer matches its record; null when INTACT")
        Mismatch firstMismatch,
        @Schema(description = "Stored events the integrity-chain projection has not recorded yet (it runs a moment "
                + "behind the writes); not counted as broken", example = "0") long unrecordedEvents) {

    /** The verdict. */
    public enum Status implements Labelled {
        INTACT("完好"),
        BROKEN("已被改动");

        private final String label;

        Status(String label) {
            this.label = label;
        }

        @Override
        public String label() {
            return label;
        }
    }

    @Schema(description = "A link of the recorded chain")
    public record Link(
            @Schema(description = "Global index of the event", example = "1042") long globalIndex,
            @Schema(description = "Chain hash after this event, hex SHA-256",
                    example = "3f2a9c0e5b7d4e1f8a6c2b9d0e7f1a3c5b8d2e4f6a9c1b3d5e7f9a2c4b6d8e0f") String hash) {
    }

    @Schema(description = "Where the stored events stop matching the recorded chain")
    public record Mismatch(
            @Schema(description = "Global index of the event", example = "17") long globalIndex,
            @Schema(description = "Identifier of the event as recorded",
                    example = "5f1c1a9e-7d43-4a4f-9b0e-0b7c9f2f2a11") String eventIdentifier,
            @Schema(description = "Aggregate id of the stored event; null when the row is gone",
                    example = "rect-2024-001-1") String aggregateId,
            @Schema(description = "Sequence number of the stored event; null when the row is gone", example = "3")
            Long sequenceNumber,
            @Schema(description = "The chain hash recorded when the event was appended",
                    example = "3f2a9c0e5b7d4e1f8a6c2b9d0e7f1a3c5b8d2e4f6a9c1b3d5e7f9a2c4b6d8e0f") String expectedHash,
            @Schema(description = "The chain hash recomputed from the stored rows; null when the row is gone",
                    example = "9b1d3f5a7c9e1b3d5f7a9c1e3b5d7f9a1c3e5b7d9f1a3c5e7b9d1f3a5c7e9b1d") String actualHash) {
    }
}
