package org.ledger.kernel;

/**
 * Keys of the metadata every command carries and every event stores (DESIGN.md §3): who acted, for which
 * unit, with which roles, why, and which request it belonged to.
 */
public final class MetadataKeys {

    /** The authenticated user name of the actor. */
    public static final String USER = "user";
    /** The organisation unit the actor acts for. */
    public static final String UNIT = "unit";
    /** The actor's roles, comma separated. */
    public static final String ROLES = "roles";
    /** The reason the actor gave for the change, where one was given. */
    public static final String REASON = "reason";
    /** One id per client request; every event the request caused carries it. */
    public static final String CORRELATION_ID = "correlationId";
    /** The id of the message that directly caused this one (Axon's message origin). */
    public static final String CAUSATION_ID = "causationId";
    /** The id of the first message of the chain (Axon's trace id). */
    public static final String TRACE_ID = "traceId";

    private MetadataKeys() {
    }
}
