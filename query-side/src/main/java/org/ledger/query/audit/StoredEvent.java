package org.ledger.query.audit;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.OptionalLong;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;

/**
 * One row of {@code domain_event_entry} exactly as stored, and its canonical form for the integrity chain
 * (DESIGN.md §5).
 *
 * <p>The canonical form is every column of the row in a fixed order, each length-prefixed (a null as length -1)
 * so that no two different rows have the same form: global_index, event_identifier, aggregate_identifier,
 * sequence_number, type, time_stamp, payload_type, payload_revision, payload bytes, meta_data bytes. It hashes
 * the stored bytes, not the deserialized event: a change to a stored byte is a change, whatever the serializer
 * would make of it.
 */
public record StoredEvent(long globalIndex, String eventIdentifier, String aggregateIdentifier, long sequenceNumber,
                          String type, String timeStamp, String payloadType, String payloadRevision, byte[] payload,
                          byte[] metaData) {

    /** The columns, in the order of the canonical form. */
    static final String COLUMNS = "global_index, event_identifier, aggregate_identifier, sequence_number, type, "
            + "time_stamp, payload_type, payload_revision, payload, meta_data";

    /** The previous hash of the first event: 32 zero bytes. */
    static final byte[] GENESIS = new byte[32];

    /**
     * Where the event's tracking token says it is stored: a hint, to be checked against the row's event identifier
     * before it is believed. A row found by its global index (the primary key, read in order as the events arrive)
     * costs a sequential index page; one found by its identifier (a random UUID) costs a random one, which on a store
     * of a million events is a page read back from the file ("Where the time goes", README). The hint can be wrong:
     * a merged segment's token stands at the lower of its two positions, and under a tracking processor's batches two
     * events were once seen to carry one position. Empty for an event that does not come from a stream.
     */
    static OptionalLong positionHint(EventMessage<?> event) {
        if (event instanceof TrackedEventMessage<?> tracked) {
            TrackingToken token = tracked.trackingToken();
            if (token != null) {
                return token.position();
            }
        }
        return OptionalLong.empty();
    }

    static StoredEvent map(ResultSet rs, int row) throws SQLException {
        return new StoredEvent(rs.getLong("global_index"), rs.getString("event_identifier"),
                rs.getString("aggregate_identifier"), rs.getLong("sequence_number"), rs.getString("type"),
                rs.getString("time_stamp"), rs.getString("payload_type"), rs.getString("payload_revision"),
                rs.getBytes("payload"), rs.getBytes("meta_data"));
    }

    byte[] canonicalForm() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeLong(globalIndex);
            write(out, eventIdentifier);
            write(out, aggregateIdentifier);
            out.writeLong(sequenceNumber);
            write(out, type);
            write(out, timeStamp);
            write(out, payloadType);
            write(out, payloadRevision);
            write(out, payload);
            write(out, metaData);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** SHA-256 of the canonical form, hex. */
    String eventHash() {
        return HexFormat.of().formatHex(sha256(canonicalForm()));
    }

    /** The chain hash after an event: SHA-256(previous chain hash || event hash), hex. */
    static String chain(String previousHash, String eventHash) {
        byte[] previous = previousHash == null ? GENESIS : HexFormat.of().parseHex(previousHash);
        byte[] event = HexFormat.of().parseHex(eventHash);
        byte[] both = new byte[previous.length + event.length];
        System.arraycopy(previous, 0, both, 0, previous.length);
        System.arraycopy(event, 0, both, previous.length, event.length);
        return HexFormat.of().formatHex(sha256(both));
    }

    private static void write(DataOutputStream out, String value) throws IOException {
        write(out, value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }

    private static void write(DataOutputStream out, byte[] value) throws IOException {
        if (value == null) {
            out.writeInt(-1);
            return;
        }
        out.writeInt(value.length);
        out.write(value);
    }

    private static byte[] sha256(byte[] input) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(input);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java platform has SHA-256", e);
        }
    }
}
