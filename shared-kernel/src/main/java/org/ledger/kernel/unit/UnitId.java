package org.ledger.kernel.unit;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.ledger.kernel.TypedIds;

/** Identifies an organisation unit (组织单位). Serialized as a plain string. */
public record UnitId(String value) {

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public UnitId {
        TypedIds.check(value, "UnitId");
    }

    public static UnitId of(String value) {
        return new UnitId(value);
    }

    public static UnitId generate() {
        return new UnitId(TypedIds.random());
    }

    @JsonValue
    @Override
    public String value() {
        return value;
    }

    @Override
    public String toString() {
        return value;
    }
}
