package org.ledger.kernel.unit;

import org.axonframework.serialization.Revision;

/** Events of the {@code OrgUnit} aggregate. Every event has a {@link Revision} so that its stored form can evolve. */
public final class UnitEvents {

    private UnitEvents() {
    }

    /** A unit joined the tree; {@code parentId} is null for a root. */
    @Revision("1")
    public record UnitRegistered(UnitId unitId, String name, UnitKind kind, UnitId parentId) {
    }

    @Revision("1")
    public record UnitRenamed(UnitId unitId, String previousName, String name) {
    }

    /** The unit (with its whole subtree) now hangs under {@code to}; either end is null for a root. */
    @Revision("1")
    public record UnitMoved(UnitId unitId, UnitId from, UnitId to) {
    }

    @Revision("1")
    public record UnitDissolved(UnitId unitId, String reason) {
    }
}
