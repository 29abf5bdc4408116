package org.ledger.kernel.issue;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.ledger.kernel.TypedIds;

/** Identifies an issue (问题). Serialized as a plain string. */
public record IssueId(String value) {

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public IssueId {
        TypedIds.check(value, "IssueId");
    }

    public static IssueId of(String value) {
        return new IssueId(value);
    }

    public static IssueId generate() {
        return new IssueId(TypedIds.random());
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
