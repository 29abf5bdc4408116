package org.ledger.command.support;

import io.swagger.v3.oas.annotations.media.Schema;

/** The answer to a command: the aggregate it changed and that aggregate's version, also sent as {@code ETag}. */
@Schema(description = "The changed resource and its new version (also the ETag for the next If-Match)")
public record CommandResponse(
        @Schema(description = "id of the issue or rectification item", example = "issue-2026-001") String id,
        @Schema(description = "version after the command; send it as If-Match to guard the next write",
                example = "3") long version) {

    public static CommandResponse of(Accepted accepted) {
        return new CommandResponse(accepted.id(), accepted.version());
    }
}
