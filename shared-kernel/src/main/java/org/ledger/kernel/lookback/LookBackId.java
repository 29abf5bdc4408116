package org.ledger.kernel.lookback;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.ledger.kernel.TypedIds;

/** Identifies a look-back campaign (回头看). Serialized as a plain string. */
public record LookBackId(String value) {

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public LookBackId {
        TypedIds.check(value, "LookBackId");
    }

    public static LookBackId of(String value) {
        return new LookBackId(value);
    }

    public static LookBackId generate() {
        return new LookBackId(TypedIds.random());
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
