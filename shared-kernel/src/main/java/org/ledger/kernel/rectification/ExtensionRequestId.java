package org.ledger.kernel.rectification;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.ledger.kernel.TypedIds;

/** Identifies an extension request (延期申请). Serialized as a plain string. */
public record ExtensionRequestId(String value) {

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public ExtensionRequestId {
        TypedIds.check(value, "ExtensionRequestId");
    }

    public static ExtensionRequestId of(String value) {
        return new ExtensionRequestId(value);
    }

    public static ExtensionRequestId generate() {
        return new ExtensionRequestId(TypedIds.random());
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
