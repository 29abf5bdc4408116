package org.ledger.query.unit;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

@RestController
@RequestMapping("/api/units")
@Tag(name = "Units 组织单位", description = "The tree of working committee, community committee, branches and groups")
class UnitController {

    private final UnitQueries queries;

    UnitController(UnitQueries queries) {
        this.queries = queries;
    }

    @GetMapping
    @Operation(summary = "Read the unit tree",
            description = "The units as nested trees (children sorted by name). Dissolved units are left out "
                    + "unless includeDissolved=true, when they show with status DISSOLVED.")
    @ApiResponse(responseCode = "200", description = "The roots of the tree, children nested")
    List<UnitNode> tree(
            @Parameter(description = "Also show dissolved units", example = "false")
            @RequestParam(defaultValue = "false") boolean includeDissolved,
            @Parameter(description = "Read the tree as it was at this instant (ISO-8601); omit for now",
                    example = "2026-06-30T16:00:00Z")
            @RequestParam(required = false) Instant asOf) {
        return queries.tree(includeDissolved, asOf);
    }

    @GetMapping("/{id}")
    @Operation(summary = "Read one organisation unit",
            description = "The unit with its ancestors and its version as ETag; send the version back as If-Match "
                    + "when changing the unit.")
    @ApiResponse(responseCode = "200", description = "The unit")
    @ApiResponse(responseCode = "404", description = "No such unit (at that instant)")
    ResponseEntity<UnitEntry> get(
            @Parameter(description = "Unit id", example = "branch-1") @PathVariable String id,
            @Parameter(description = "Read the unit as it was at this instant (ISO-8601); omit for now",
                    example = "2026-06-30T16:00:00Z")
            @RequestParam(required = false) Instant asOf) {
        UnitEntry entry = queries.findVisible(id, asOf).orElseThrow(() ->
                new ResponseStatusException(HttpStatus.NOT_FOUND, "No unit '" + id + "'"));
        return ResponseEntity.ok().eTag(String.valueOf(entry.version())).body(entry);
    }
}
