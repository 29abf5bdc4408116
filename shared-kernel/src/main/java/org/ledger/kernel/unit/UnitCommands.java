package org.ledger.kernel.unit;

import java.util.Arrays;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/**
 * Commands of the {@code OrgUnit} aggregate. {@code expectedVersion} is the client's {@code If-Match} (null when
 * it sent none); the actor and the reason travel as metadata.
 *
 * <p>The rules that depend on the tree (a kind fits under its parent's kind, no cycles, no dissolving a unit with
 * active children) need facts about other units. The aggregate does no I/O, so the sender looks those facts up in
 * the command side's unit registry and carries them in the command, like "today" in other commands.
 */
public final class UnitCommands {

    private UnitCommands() {
    }

    /**
     * Registers a unit under {@code parentId} (null: a root, which only a working committee may be).
     *
     * @param parentKind the parent's kind as the registry knows it; null when there is no parent
     */
    public record RegisterUnit(
            @TargetAggregateIdentifier UnitId unitId,
            String name,
            UnitKind kind,
            UnitId parentId,
            UnitKind parentKind) implements ReferencesUnits {

        @Override
        public List<UnitId> referencedUnits() {
            return Arrays.asList(parentId);
        }
    }

    public record RenameUnit(
            @TargetAggregateIdentifier UnitId unitId,
            @TargetAggregateVersion Long expectedVersion,
            String name) {
    }

    /**
     * Moves a unit under another parent (null: makes it a root).
     *
     * @param newParentKind      the new parent's kind as the registry knows it; null when there is no parent
     * @param newParentAncestors the new parent's ancestors as the registry knows them, nearest first; the unit
     *                           must be neither the new parent nor one of these
     */
    public record MoveUnit(
            @TargetAggregateIdentifier UnitId unitId,
            @TargetAggregateVersion Long expectedVersion,
            UnitId newParentId,
            UnitKind newParentKind,
            List<UnitId> newParentAncestors) implements ReferencesUnits {

        public MoveUnit {
            newParentAncestors = newParentAncestors == null ? List.of() : List.copyOf(newParentAncestors);
        }

        @Override
        public List<UnitId> referencedUnits() {
            return Arrays.asList(newParentId);
        }
    }

    /**
     * Dissolves a unit (撤销), with a reason.
     *
     * @param activeChildren the unit's children that are not dissolved, as the registry knows them
     */
    public record DissolveUnit(
            @TargetAggregateIdentifier UnitId unitId,
            @TargetAggregateVersion Long expectedVersion,
            String reason,
            List<UnitId> activeChildren) {

        public DissolveUnit {
            activeChildren = activeChildren == null ? List.of() : List.copyOf(activeChildren);
        }
    }
}
