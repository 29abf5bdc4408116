package org.ledger.app.admin;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.ledger.query.projection.ProcessorState;
import org.ledger.query.projection.ProjectionStatus;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Operators' view of the projections and their rebuild (ADMIN only: a rebuild empties a ledger for a while). */
@RestController
@Tag(name = "Administration", description = "Projections (ledgers, audit log, integrity chain) and their rebuild")
class ProjectionAdminController {

    private final ProjectionStatus status;

    ProjectionAdminController(ProjectionStatus status) {
        this.status = status;
    }

    @Schema(description = "The projections whose rebuild has started")
    record RebuildStarted(
            @Schema(description = "Processing groups being rebuilt", example = "[\"issue-ledger\"]")
            List<String> rebuilding) {
    }

    @GetMapping("/api/admin/projections")
    @PreAuthorize("hasAnyRole('ADMIN', 'AUDITOR')")
    @Operation(summary = "List the projections with their processing state",
            description = "Each projection's event processor on this node: running, rebuilding (replaying), "
                    + "segments, position (global index reached).")
    @ApiResponse(responseCode = "200", description = "The projections")
    @ApiResponse(responseCode = "403", description = "Not an administrator or auditor")
    List<ProcessorState> projections() {
        return status.processors();
    }

    @PostMapping("/api/admin/projections/{name}/rebuild")
    @PreAuthorize("hasRole('ADMIN')")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(summary = "Rebuild a projection from the event store",
            description = "Resets the projection's tokens (its tables are cleared) and replays every stored event. "
                    + "While it replays, its endpoints answer 503 with Retry-After. 'all' rebuilds every ledger and "
                    + "the audit log but NOT the integrity chain: that is an audit record, and rebuilding it "
                    + "recomputes it from the stored rows as they are now, which would hide an earlier change to "
                    + "them. Rebuild integrity-chain only by naming it, and only after checking integrity.")
    @ApiResponse(responseCode = "202", description = "The rebuild has started")
    @ApiResponse(responseCode = "403", description = "Not an administrator")
    @ApiResponse(responseCode = "404", description = "No such projection")
    RebuildStarted rebuild(
            @Parameter(description = "Processing group, or 'all'", example = "rectification-ledger")
            @PathVariable String name) {
        return new RebuildStarted(status.rebuild(name));
    }
}
