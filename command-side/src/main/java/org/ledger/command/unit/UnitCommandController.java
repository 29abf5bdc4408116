package org.ledger.command.unit;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import org.ledger.command.support.Accepted;
import org.ledger.command.support.CommandResponse;
import org.ledger.command.support.CommandSender;
import org.ledger.command.support.IfMatch;
import org.ledger.command.support.PathIds;
import org.ledger.command.unit.UnitRequests.DissolutionRequest;
import org.ledger.command.unit.UnitRequests.MoveUnitRequest;
import org.ledger.command.unit.UnitRequests.RegisterUnitRequest;
import org.ledger.command.unit.UnitRequests.RenameUnitRequest;
import org.ledger.command.unit.registry.RegisteredUnit;
import org.ledger.command.unit.registry.UnitRegistry;
import org.ledger.kernel.unit.UnitCommands.DissolveUnit;
import org.ledger.kernel.unit.UnitCommands.MoveUnit;
import org.ledger.kernel.unit.UnitCommands.RegisterUnit;
import org.ledger.kernel.unit.UnitCommands.RenameUnit;
import org.ledger.kernel.unit.UnitId;
import org.ledger.kernel.unit.UnitKind;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Writes on organisation units (组织单位). Besides mapping the request, it looks up in the unit registry the facts
 * about other units that the aggregate's tree rules need (parent kind, ancestors, active children), so that the
 * aggregate does no I/O.
 */
@RestController
@RequestMapping("/api/units")
@Tag(name = "Units 组织单位", description = "The tree of working committee, community committee, branches and groups")
class UnitCommandController {

    private static final String IF_MATCH_DOC =
            "the ETag of the unit as last read; the write is refused with 412 if the unit changed since";

    private final CommandSender sender;
    private final UnitRegistry registry;

    UnitCommandController(CommandSender sender, UnitRegistry registry) {
        this.sender = sender;
        this.registry = registry;
    }

    @PostMapping
    @Operation(summary = "Register an organisation unit (登记组织单位)",
            description = "Answers 201 with the unit's Location. The parent must be registered and active "
                    + "(409 UnitMustBeActive) and the kind must fit under the parent's kind (409 KindFitsParent). "
                    + "A client may choose the id; registering an id that exists answers 409 AlreadyExists.")
    ResponseEntity<CommandResponse> register(@Valid @RequestBody RegisterUnitRequest request) {
        UnitId id = request.id() != null ? UnitId.of(request.id()) : UnitId.generate();
        UnitId parent = request.parentId() == null ? null : UnitId.of(request.parentId());
        Accepted accepted = sender.send(new RegisterUnit(id, request.name(), request.kind(), parent,
                kindOf(parent)), id.value(), null);
        return ResponseEntity.created(URI.create("/api/units/" + id.value())).eTag(accepted.etag())
                .body(CommandResponse.of(accepted));
    }

    @PutMapping("/{id}/name")
    @Operation(summary = "Rename an organisation unit")
    ResponseEntity<CommandResponse> rename(
            @PathVariable String id,
            @Parameter(description = IF_MATCH_DOC) @RequestHeader(value = HttpHeaders.IF_MATCH, required = false)
            String ifMatch,
            @Valid @RequestBody RenameUnitRequest request) {
        return ok(sender.send(new RenameUnit(unitId(id), IfMatch.expectedVersion(ifMatch), request.name()), id, null));
    }

    @PutMapping("/{id}/parent")
    @Operation(summary = "Move an organisation unit under another parent",
            description = "The unit keeps its subtree. Refused with 409 NoCycles when the new parent is the unit "
                    + "itself or one of its descendants, KindFitsParent when the kinds do not nest.")
    ResponseEntity<CommandResponse> move(
            @PathVariable String id,
            @Parameter(description = IF_MATCH_DOC) @RequestHeader(value = HttpHeaders.IF_MATCH, required = false)
            String ifMatch,
            @Valid @RequestBody MoveUnitRequest request) {
        UnitId unit = unitId(id);
        UnitId parent = request.parentId() == null ? null : UnitId.of(request.parentId());
        List<UnitId> ancestors = parent == null ? List.of() : registry.ancestors(parent);
        return ok(sender.send(new MoveUnit(unit, IfMatch.expectedVersion(ifMatch), parent, kindOf(parent),
                ancestors), id, null));
    }

    @PostMapping("/{id}/dissolution")
    @Operation(summary = "Dissolve an organisation unit (撤销)",
            description = "Only a unit without active child units (409 DissolveOnlyWithoutActiveChildren). A "
                    + "dissolved unit takes no further changes, and no command may name it any more.")
    ResponseEntity<CommandResponse> dissolve(
            @PathVariable String id,
            @Parameter(description = IF_MATCH_DOC) @RequestHeader(value = HttpHeaders.IF_MATCH, required = false)
            String ifMatch,
            @Valid @RequestBody DissolutionRequest request) {
        UnitId unit = unitId(id);
        return ok(sender.send(new DissolveUnit(unit, IfMatch.expectedVersion(ifMatch), request.reason(),
                registry.activeChildren(unit)), id, request.reason()));
    }

    private UnitKind kindOf(UnitId unit) {
        return unit == null ? null : registry.find(unit).map(RegisteredUnit::kind).orElse(null);
    }

    private static UnitId unitId(String id) {
        return PathIds.parse(id, UnitId::of, "unit");
    }

    private static ResponseEntity<CommandResponse> ok(Accepted accepted) {
        return ResponseEntity.ok().eTag(accepted.etag()).body(CommandResponse.of(accepted));
    }
}
