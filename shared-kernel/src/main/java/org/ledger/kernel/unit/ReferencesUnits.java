package org.ledger.kernel.unit;

import java.util.List;

/**
 * A command that names organisation units (an issue's responsible unit, an item's owner, an agreement's
 * parties …). Before its aggregate sees it, every named unit must be registered and not dissolved, so that no
 * ledger row ever points at a unit that does not exist.
 */
public interface ReferencesUnits {

    /** The units the command names; null entries (optional references left out) are ignored. */
    List<UnitId> referencedUnits();
}
