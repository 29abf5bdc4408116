package org.ledger.kernel.agreement;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.ledger.kernel.TypedIds;

/** Identifies a responsibility agreement (党建责任书). Serialized as a plain string. */
public record AgreementId(String value) {

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public AgreementId {
        TypedIds.check(value, "AgreementId");
    }

    public static AgreementId of(String value) {
        return new AgreementId(value);
    }

    public static AgreementId generate() {
        return new AgreementId(TypedIds.random());
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
