package org.ledger.command.unit.registry;

import org.ledger.kernel.unit.UnitId;
import org.ledger.kernel.unit.UnitKind;

/** One unit as the command side's registry knows it; {@code parentId} is null for a root. */
public record RegisteredUnit(UnitId unitId, UnitId parentId, UnitKind kind, String name, boolean dissolved) {
}
