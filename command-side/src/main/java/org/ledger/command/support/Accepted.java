package org.ledger.command.support;

/** A command was handled: the aggregate it addressed and that aggregate's version after it (the next ETag). */
public record Accepted(String id, long version) {

    /** The version as an HTTP entity tag. */
    public String etag() {
        return "\"" + version + "\"";
    }
}
