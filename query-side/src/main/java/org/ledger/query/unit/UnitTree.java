package org.ledger.query.unit;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ledger.query.support.BoundedRead;
import org.ledger.query.support.Validity;
import org.springframework.stereotype.Service;

/**
 * The query side's view of the unit tree, read from its own projection ({@code unit_tree}); the query side never
 * reads the command side's registry. Answers the ledgers' "unit (including its subtree)" filter (DESIGN.md §4)
 * with the tree as it was at the instant the ledger is read, so that an as-of read filters by the tree of then.
 *
 * <p>A unit tree is small (one committee, a few dozen branches and groups), so each call loads the whole tree
 * valid at that instant and walks it in memory.
 */
@Service
@BoundedRead
public class UnitTree {

    private final UnitRowRepository rows;

    public UnitTree(UnitRowRepository rows) {
        this.rows = rows;
    }

    /**
     * The unit and all its descendants (dissolved ones included: their rows stay in the ledgers) at {@code asOf}
     * (null: now). A unit the tree does not know is its own subtree, so filtering by it still finds rows that
     * name it.
     */
    public Set<String> subtree(String unitId, Instant asOf) {
        Map<String, List<String>> children = new HashMap<>();
        for (UnitRow row : rows.findAll(Validity.<UnitRow>at(asOf))) {
            if (row.getParentId() != null) {
                children.computeIfAbsent(row.getParentId(), key -> new ArrayList<>()).add(row.getUnitId());
            }
        }
        Set<String> subtree = new LinkedHashSet<>();
        Deque<String> pending = new ArrayDeque<>(List.of(unitId));
        while (!pending.isEmpty()) {
            String current = pending.removeFirst();
            if (subtree.add(current)) {
                pending.addAll(children.getOrDefault(current, List.of()));
            }
        }
        return subtree;
    }

    /** The unit's ancestors at {@code asOf} (null: now), nearest first; empty for a root or an unknown unit. */
    public List<String> ancestors(String unitId, Instant asOf) {
        Map<String, String> parents = new HashMap<>();
        for (UnitRow row : rows.findAll(Validity.<UnitRow>at(asOf))) {
            if (row.getParentId() != null) {
                parents.put(row.getUnitId(), row.getParentId());
            }
        }
        List<String> ancestors = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>(List.of(unitId));
        String next = parents.get(unitId);
        while (next != null && seen.add(next)) {
            ancestors.add(next);
            next = parents.get(next);
        }
        return ancestors;
    }
}
