package org.ledger.query.unit;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.ledger.query.support.BoundedRead;
import org.ledger.query.support.ProjectionNames;
import org.ledger.query.support.RememberedIds;
import org.ledger.query.support.Validity;
import org.springframework.stereotype.Service;

/**
 * The query side's view of the unit tree, read from its own projection ({@code unit_tree}); the query side never
 * reads the command side's registry. Answers the ledgers' "unit (including its subtree)" filter (DESIGN.md §4)
 * with the tree as it was at the instant the ledger is read, so that an as-of read filters by the tree of then.
 *
 * <p>A unit tree is small (one committee, a few dozen branches and groups), so a call loads the whole tree valid at
 * that instant and walks it in memory. The current tree is kept between calls until its projection changes (the
 * stamp {@link RememberedIds} files the ledgers' ids under): every ledger page asks for the reader's subtree, and
 * loading the tree through JPA was a sixth of a page's CPU under 16 readers (issue 9).
 */
@Service
@BoundedRead
public class UnitTree {

    /** The unit tree's projection and table, for its stamp. */
    private static final RememberedIds.Source TREE = new RememberedIds.Source(ProjectionNames.UNIT_TREE, "unit_tree");

    private final UnitRowRepository rows;
    private final RememberedIds remembered;
    private final AtomicReference<CurrentTree> current = new AtomicReference<>();

    public UnitTree(UnitRowRepository rows, RememberedIds remembered) {
        this.rows = rows;
        this.remembered = remembered;
    }

    /** Each unit's parent in the current tree, and the state of the projection it was read in. */
    private record CurrentTree(RememberedIds.Stamp stamp, Map<String, String> parents) {
    }

    /**
     * The unit and all its descendants (dissolved ones included: their rows stay in the ledgers) at {@code asOf}
     * (null: now). A unit the tree does not know is its own subtree, so filtering by it still finds rows that
     * name it.
     */
    public Set<String> subtree(String unitId, Instant asOf) {
        Map<String, List<String>> children = new HashMap<>();
        parents(asOf).forEach((unit, parent) -> children.computeIfAbsent(parent, key -> new ArrayList<>()).add(unit));
        Set<String> subtree = new LinkedHashSet<>();
        Deque<String> pending = new ArrayDeque<>(List.of(unitId));
        while (!pending.isEmpty()) {
            String next = pending.removeFirst();
            if (subtree.add(next)) {
                pending.addAll(children.getOrDefault(next, List.of()));
            }
        }
        return subtree;
    }

    /** The unit's ancestors at {@code asOf} (null: now), nearest first; empty for a root or an unknown unit. */
    public List<String> ancestors(String unitId, Instant asOf) {
        Map<String, String> parents = parents(asOf);
        List<String> ancestors = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>(List.of(unitId));
        String next = parents.get(unitId);
        while (next != null && seen.add(next)) {
            ancestors.add(next);
            next = parents.get(next);
        }
        return ancestors;
    }

    /** Each unit's parent at {@code asOf} (null: now; read again only once the projection has changed). */
    private Map<String, String> parents(Instant asOf) {
        if (asOf != null) {
            return load(asOf);
        }
        RememberedIds.Stamp stamp = remembered.stamp(TREE);
        CurrentTree known = current.get();
        if (known != null && known.stamp().equals(stamp)) {
            return known.parents();
        }
        Map<String, String> parents = load(null);
        current.set(new CurrentTree(stamp, parents));
        return parents;
    }

    private Map<String, String> load(Instant asOf) {
        // In the rows' order, as the tree was walked before it was kept: a subtree lists its units in that order.
        Map<String, String> parents = new LinkedHashMap<>();
        for (UnitRow row : rows.findAll(Validity.<UnitRow>at(asOf))) {
            if (row.getParentId() != null) {
                parents.put(row.getUnitId(), row.getParentId());
            }
        }
        return Collections.unmodifiableMap(parents);
    }
}
