package org.ledger.command.unit;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.util.Objects;
import org.axonframework.commandhandling.CommandHandler;
import org.ledger.command.access.AccessRule;
import org.ledger.command.access.ActorScope;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.ledger.kernel.RuleViolation;
import org.ledger.kernel.unit.UnitCommands.DissolveUnit;
import org.ledger.kernel.unit.UnitCommands.MoveUnit;
import org.ledger.kernel.unit.UnitCommands.RegisterUnit;
import org.ledger.kernel.unit.UnitCommands.RenameUnit;
import org.ledger.kernel.unit.UnitEvents.UnitDissolved;
import org.ledger.kernel.unit.UnitEvents.UnitMoved;
import org.ledger.kernel.unit.UnitEvents.UnitRegistered;
import org.ledger.kernel.unit.UnitEvents.UnitRenamed;
import org.ledger.kernel.unit.UnitId;
import org.ledger.kernel.unit.UnitKind;

/**
 * An organisation unit (组织单位): a working committee, community committee, branch or group, and its place in
 * the tree. The tree gives scope and roll-up to everything else, so its shape is guarded here.
 *
 * <p>Facts about other units (the parent's kind, the new parent's ancestors, the active children) arrive in the
 * commands, looked up by the sender in the command side's unit registry; the aggregate stays free of I/O.
 * That the named parent exists and is active is checked before the aggregate runs (the registry's
 * {@code UnitReferenceCheck}).
 */
@Aggregate
public class OrgUnit {

    @AggregateIdentifier
    private UnitId unitId;
    private String name;
    private UnitKind kind;
    private UnitId parentId;
    private boolean dissolved;

    protected OrgUnit() {
        // for Axon's event sourcing
    }

    @CommandHandler
    public OrgUnit(RegisterUnit command, ActorScope scope) {
        // a root has no unit above it: only an admin registers one
        scope.require(AccessRule.UnitManagedFromAbove,
                command.parentId() == null ? scope.isAdmin() : scope.supervises(command.parentId()), command.unitId());
        requireFits(command.kind(), command.parentId(), command.parentKind());
        apply(new UnitRegistered(command.unitId(), command.name(), command.kind(), command.parentId()));
    }

    @CommandHandler
    void handle(RenameUnit command, ActorScope scope) {
        requireManagedFromAbove(scope);
        refuseIfDissolved();
        if (Objects.equals(name, command.name())) {
            throw new RuleViolation(UnitRule.RenameMustChangeName);
        }
        apply(new UnitRenamed(unitId, name, command.name()));
    }

    @CommandHandler
    void handle(MoveUnit command, ActorScope scope) {
        requireManagedFromAbove(scope);
        scope.require(AccessRule.UnitManagedFromAbove, scope.supervises(command.newParentId()), command.newParentId());
        refuseIfDissolved();
        UnitId target = command.newParentId();
        if (Objects.equals(parentId, target)) {
            throw new RuleViolation(UnitRule.MoveMustChangeParent, "already under " + target);
        }
        if (unitId.equals(target) || command.newParentAncestors().contains(unitId)) {
            throw new RuleViolation(UnitRule.NoCycles, target + " is " + unitId + " or lies in its subtree");
        }
        requireFits(kind, target, command.newParentKind());
        apply(new UnitMoved(unitId, parentId, target));
    }

    @CommandHandler
    void handle(DissolveUnit command, ActorScope scope) {
        requireManagedFromAbove(scope);
        refuseIfDissolved();
        if (!command.activeChildren().isEmpty()) {
            throw new RuleViolation(UnitRule.DissolveOnlyWithoutActiveChildren,
                    "active children " + command.activeChildren());
        }
        apply(new UnitDissolved(unitId, command.reason()));
    }

    /** A supervisor manages the units below its own, not its own unit (nor a unit outside its subtree). */
    private void requireManagedFromAbove(ActorScope scope) {
        scope.require(AccessRule.UnitManagedFromAbove, scope.supervisesFromAbove(unitId), unitId);
    }

    private void refuseIfDissolved() {
        if (dissolved) {
            throw new RuleViolation(UnitRule.DissolvedUnitIsClosed, unitId.value());
        }
    }

    /** Which parent kind each kind hangs under; only a working committee may be a root. */
    private static void requireFits(UnitKind kind, UnitId parent, UnitKind parentKind) {
        boolean fits;
        if (parent == null) {
            fits = kind == UnitKind.WORKING_COMMITTEE;
        } else if (parentKind == null) {
            fits = false;
        } else {
            fits = switch (kind) {
                case WORKING_COMMITTEE, COMMUNITY_COMMITTEE -> parentKind == UnitKind.WORKING_COMMITTEE;
                case BRANCH -> parentKind == UnitKind.COMMUNITY_COMMITTEE;
                case GROUP -> parentKind == UnitKind.BRANCH;
            };
        }
        if (!fits) {
            throw new RuleViolation(UnitRule.KindFitsParent, parent == null
                    ? "a " + kind + " cannot be a root"
                    : "a " + kind + " cannot be under a " + (parentKind == null ? "unit of unknown kind" : parentKind));
        }
    }

    @EventSourcingHandler
    void on(UnitRegistered event) {
        unitId = event.unitId();
        name = event.name();
        kind = event.kind();
        parentId = event.parentId();
    }

    @EventSourcingHandler
    void on(UnitRenamed event) {
        name = event.name();
    }

    @EventSourcingHandler
    void on(UnitMoved event) {
        parentId = event.to();
    }

    @EventSourcingHandler
    void on(UnitDissolved event) {
        dissolved = true;
    }
}
