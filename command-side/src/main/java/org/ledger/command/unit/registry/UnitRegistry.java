package org.ledger.command.unit.registry;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.ledger.kernel.unit.UnitId;
import org.ledger.kernel.unit.UnitKind;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The command side's own lookup table of organisation units ({@code unit_registry}), for set-based validation:
 * does a unit exist, is it active, what kind is it, where does it sit in the tree. It is written by
 * {@link UnitRegistryUpdater} in the transaction that stores the unit events, so it is never behind the event
 * store, unlike the query side's projections, which the command side must not read.
 */
@Component
public class UnitRegistry {

    private static final String COLUMNS = "select unit_id, parent_id, kind, name, dissolved from unit_registry ";

    private final JdbcTemplate jdbc;

    public UnitRegistry(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<RegisteredUnit> find(UnitId unitId) {
        return jdbc.query(COLUMNS + "where unit_id = ?", (rs, n) -> new RegisteredUnit(
                UnitId.of(rs.getString(1)),
                rs.getString(2) == null ? null : UnitId.of(rs.getString(2)),
                UnitKind.valueOf(rs.getString(3)),
                rs.getString(4),
                rs.getBoolean(5)), unitId.value()).stream().findFirst();
    }

    public boolean exists(UnitId unitId) {
        return find(unitId).isPresent();
    }

    /** Registered and not dissolved. */
    public boolean isActive(UnitId unitId) {
        return find(unitId).map(unit -> !unit.dissolved()).orElse(false);
    }

    public Optional<UnitKind> kind(UnitId unitId) {
        return find(unitId).map(RegisteredUnit::kind);
    }

    public Optional<UnitId> parent(UnitId unitId) {
        return find(unitId).map(RegisteredUnit::parentId);
    }

    /** The unit's ancestors, nearest first, up to the root; empty for a root or an unknown unit. */
    public List<UnitId> ancestors(UnitId unitId) {
        List<UnitId> ancestors = new ArrayList<>();
        Set<UnitId> seen = new LinkedHashSet<>();
        seen.add(unitId);
        Optional<UnitId> next = parent(unitId);
        // The seen-set only guards against a corrupt table: the aggregate refuses moves that would close a cycle.
        while (next.isPresent() && seen.add(next.get())) {
            ancestors.add(next.get());
            next = parent(next.get());
        }
        return ancestors;
    }

    /** The unit's direct children that are not dissolved. */
    public List<UnitId> activeChildren(UnitId unitId) {
        return jdbc.queryForList("select unit_id from unit_registry where parent_id = ? and dissolved = false "
                + "order by unit_id", String.class, unitId.value()).stream().map(UnitId::of).toList();
    }

    /** The unit and all its descendants, dissolved ones included; empty for an unknown unit. */
    public Set<UnitId> subtree(UnitId unitId) {
        Set<UnitId> subtree = new LinkedHashSet<>();
        if (!exists(unitId)) {
            return subtree;
        }
        Deque<UnitId> pending = new ArrayDeque<>(List.of(unitId));
        while (!pending.isEmpty()) {
            UnitId current = pending.removeFirst();
            if (subtree.add(current)) {
                jdbc.queryForList("select unit_id from unit_registry where parent_id = ?", String.class,
                        current.value()).forEach(child -> pending.addLast(UnitId.of(child)));
            }
        }
        return subtree;
    }
}
