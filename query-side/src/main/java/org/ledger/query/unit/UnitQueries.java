package org.ledger.query.unit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.ledger.kernel.unit.UnitStatus;
import org.ledger.query.access.ReadScope;
import org.ledger.query.access.ReadScopes;
import org.ledger.query.support.BoundedRead;
import org.ledger.query.support.Validity;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.stereotype.Service;

/** Reads the unit tree: the whole tree nested, or one unit; {@code asOf} null reads now. */
@Service
@BoundedRead
public class UnitQueries {

    private static final Comparator<UnitRow> BY_NAME =
            Comparator.comparing(UnitRow::getName).thenComparing(UnitRow::getUnitId);

    private final UnitRowRepository rows;
    private final UnitTree tree;
    private final ReadScopes scopes;

    public UnitQueries(UnitRowRepository rows, UnitTree tree, ReadScopes scopes) {
        this.rows = rows;
        this.tree = tree;
        this.scopes = scopes;
    }

    /**
     * The forest of units valid at {@code asOf}: roots are units without a parent (or whose parent is not shown).
     * Dissolved units are left out unless {@code includeDissolved}; a dissolved unit has no active children (the
     * command side refuses that), so leaving it out hides no active unit. Only units in the reader's scope show
     * (DESIGN.md §6): a SUPERVISOR, VIEWER or UNIT_LEAD sees their own unit as a root with its subtree.
     */
    public List<UnitNode> tree(boolean includeDissolved, Instant asOf) {
        ReadScope scope = scopes.current();
        List<UnitRow> shown = rows.findAll(Validity.<UnitRow>at(asOf)).stream()
                .filter(row -> includeDissolved || !row.isDissolved())
                .filter(row -> scope.covers(row.getUnitId()))
                .sorted(BY_NAME)
                .toList();
        Set<String> ids = new HashSet<>();
        shown.forEach(row -> ids.add(row.getUnitId()));
        Map<String, List<UnitRow>> children = new HashMap<>();
        List<UnitRow> roots = new ArrayList<>();
        for (UnitRow row : shown) {
            if (row.getParentId() != null && ids.contains(row.getParentId())) {
                children.computeIfAbsent(row.getParentId(), key -> new ArrayList<>()).add(row);
            } else {
                roots.add(row);
            }
        }
        Set<String> visited = new HashSet<>();
        return roots.stream().map(root -> node(root, children, visited)).toList();
    }

    /**
     * The unit as {@link #find}, when it is in the reader's scope (DESIGN.md §6); a unit outside it is not found.
     * Its ancestors' ids still show: where one's own unit hangs is no secret, and clients need the path.
     */
    public Optional<UnitEntry> findVisible(String unitId, Instant asOf) {
        return scopes.current().covers(unitId) ? find(unitId, asOf) : Optional.empty();
    }

    /** The unit regardless of scope: for naming units in rows that are themselves visible (exports). */
    public Optional<UnitEntry> find(String unitId, Instant asOf) {
        Specification<UnitRow> byId = (root, query, cb) -> cb.equal(root.get("unitId"), unitId);
        return rows.findOne(Validity.<UnitRow>at(asOf).and(byId))
                .map(row -> UnitEntry.of(row, tree.ancestors(unitId, asOf)));
    }

    private static UnitNode node(UnitRow row, Map<String, List<UnitRow>> children, Set<String> visited) {
        visited.add(row.getUnitId());
        List<UnitNode> nested = children.getOrDefault(row.getUnitId(), List.of()).stream()
                .filter(child -> !visited.contains(child.getUnitId()))
                .map(child -> node(child, children, visited))
                .toList();
        return new UnitNode(row.getUnitId(), row.getVersion(),
                row.isDissolved() ? UnitStatus.DISSOLVED : UnitStatus.ACTIVE, row.getName(), row.getKind(),
                row.getParentId(), nested);
    }
}
