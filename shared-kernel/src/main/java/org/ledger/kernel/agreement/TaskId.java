package org.ledger.kernel.agreement;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.ledger.kernel.TypedIds;

/** Identifies a task (任务) within its agreement. Serialized as a plain string. */
public record TaskId(String value) {

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public TaskId {
        TypedIds.check(value, "TaskId");
    }

    public static TaskId of(String value) {
        return new TaskId(value);
    }

    public static TaskId generate() {
        return new TaskId(TypedIds.random());
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
