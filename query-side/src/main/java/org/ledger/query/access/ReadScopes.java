package org.ledger.query.access;

import java.util.Set;
import org.ledger.query.unit.UnitTree;
import org.springframework.stereotype.Service;

/**
 * Resolves the {@link ReadScope} of the current request (DESIGN.md §6): ADMIN and AUDITOR read everything;
 * SUPERVISOR, VIEWER and UNIT_LEAD read their own unit's subtree; anyone else (no read role, or no unit) reads
 * nothing — the scope fails closed.
 *
 * <p>The subtree is taken from today's unit tree, also for as-of reads: access is decided now, by where the
 * reader's unit sits today, not by where it sat at the instant being read. (A unit moved away from a supervisor
 * takes its history with it; a supervisor cannot look into a unit that used to be theirs.)
 */
@Service
public class ReadScopes {

    /** Roles that read every unit. */
    static final Set<String> READ_ALL = Set.of("ADMIN", "AUDITOR");
    /** Roles that read their own unit's subtree. */
    static final Set<String> READ_SUBTREE = Set.of("SUPERVISOR", "VIEWER", "UNIT_LEAD");

    private final CurrentReader currentReader;
    private final UnitTree unitTree;

    public ReadScopes(CurrentReader currentReader, UnitTree unitTree) {
        this.currentReader = currentReader;
        this.unitTree = unitTree;
    }

    /** The scope of the reader of the current request. */
    public ReadScope current() {
        return of(currentReader.reader());
    }

    public ReadScope of(Reader reader) {
        if (reader.roles().stream().anyMatch(READ_ALL::contains)) {
            return ReadScope.everything();
        }
        if (reader.unit() != null && !reader.unit().isBlank()
                && reader.roles().stream().anyMatch(READ_SUBTREE::contains)) {
            return ReadScope.of(unitTree.subtree(reader.unit(), null));
        }
        return ReadScope.nothing();
    }

    /** The reader of the current request (their unit is the root of statistics read without a unit). */
    public Reader reader() {
        return currentReader.reader();
    }
}
