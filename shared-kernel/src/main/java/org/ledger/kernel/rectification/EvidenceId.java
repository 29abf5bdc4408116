package org.ledger.kernel.rectification;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.ledger.kernel.TypedIds;

/** Identifies a piece of evidence (佐证材料). Serialized as a plain string. */
public record EvidenceId(String value) {

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public EvidenceId {
        TypedIds.check(value, "EvidenceId");
    }

    public static EvidenceId of(String value) {
        return new EvidenceId(value);
    }

    public static EvidenceId generate() {
        return new EvidenceId(TypedIds.random());
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
