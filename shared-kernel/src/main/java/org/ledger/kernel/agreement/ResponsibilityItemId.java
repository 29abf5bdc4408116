package org.ledger.kernel.agreement;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.ledger.kernel.TypedIds;

/** Identifies a responsibility item (责任事项) within its agreement. Serialized as a plain string. */
public record ResponsibilityItemId(String value) {

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public ResponsibilityItemId {
        TypedIds.check(value, "ResponsibilityItemId");
    }

    public static ResponsibilityItemId of(String value) {
        return new ResponsibilityItemId(value);
    }

    public static ResponsibilityItemId generate() {
        return new ResponsibilityItemId(TypedIds.random());
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
