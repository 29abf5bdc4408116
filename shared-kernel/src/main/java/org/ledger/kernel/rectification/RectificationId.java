package org.ledger.kernel.rectification;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.ledger.kernel.TypedIds;

/** Identifies a rectification item (整改事项). Serialized as a plain string. */
public record RectificationId(String value) {

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public RectificationId {
        TypedIds.check(value, "RectificationId");
    }

    public static RectificationId of(String value) {
        return new RectificationId(value);
    }

    public static RectificationId generate() {
        return new RectificationId(TypedIds.random());
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
