package org.ledger.query.support;

import jakarta.persistence.Column;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * The temporal bookkeeping every ledger row shares. A ledger table keeps one row per version of a ledger entry:
 * the row is valid from {@code validFrom} (the timestamp of the event that produced it) until {@code validTo}
 * (the timestamp of the event that superseded it; null while it is the current version). What the ledger said at
 * an instant {@code t} is the set of rows with {@code validFrom <= t < validTo}.
 */
@MappedSuperclass
public abstract class LedgerVersion {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "row_id")
    private Long rowId;

    @Column(name = "version", nullable = false)
    private long version;

    @Column(name = "valid_from", nullable = false)
    private Instant validFrom;

    @Column(name = "valid_to")
    private Instant validTo;

    protected LedgerVersion() {
    }

    protected LedgerVersion(long version, Instant validFrom) {
        this.version = version;
        this.validFrom = validFrom;
    }

    /** The aggregate sequence number of the last event applied to this entry; clients use it as ETag. */
    public long getVersion() {
        return version;
    }

    public Instant getValidFrom() {
        return validFrom;
    }

    public Instant getValidTo() {
        return validTo;
    }

    public Long getRowId() {
        return rowId;
    }

    public boolean isCurrent() {
        return validTo == null;
    }

    /** Ends this version's validity at {@code at}: a newer version takes over from then. */
    public void supersede(Instant at) {
        this.validTo = at;
    }

    /**
     * Reads this version's bookkeeping columns from a row of a plain JDBC select ({@link LedgerRows#read}); the
     * {@code read} method of each ledger row reads its own columns beside it.
     */
    protected void readVersion(ResultSet row) throws SQLException {
        this.rowId = row.getLong("row_id");
        this.version = row.getLong("version");
        this.validFrom = instant(row, "valid_from");
        this.validTo = instant(row, "valid_to");
    }

    /** A {@code timestamp with time zone} column as an instant; null for SQL null. */
    protected static Instant instant(ResultSet row, String column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    /** A column holding an enum constant's name; null for SQL null. */
    protected static <E extends Enum<E>> E named(Class<E> type, String name) {
        return name == null ? null : Enum.valueOf(type, name);
    }

    /** A {@code date} column; null for SQL null. */
    protected static LocalDate date(ResultSet row, String column) throws SQLException {
        return row.getObject(column, LocalDate.class);
    }

    /** The bookkeeping columns {@link #bindVersion} binds, in its order: a ledger row's column list begins with them. */
    protected static final String VERSION_COLUMNS = "version, valid_from, valid_to";

    /**
     * Binds this version's bookkeeping columns ({@link #VERSION_COLUMNS}) to the first parameters of an insert by plain
     * JDBC ({@link HeldBackVersions}); answers the number of parameters bound. The {@code bind} method of each ledger
     * row binds its own columns after them.
     */
    protected int bindVersion(PreparedStatement insert) throws SQLException {
        insert.setLong(1, version);
        bindInstant(insert, 2, validFrom);
        bindInstant(insert, 3, validTo);
        return 3;
    }

    /** Binds an instant to a {@code timestamp with time zone} parameter; null for SQL null. */
    protected static void bindInstant(PreparedStatement statement, int index, Instant value) throws SQLException {
        statement.setObject(index, value == null ? null : value.atOffset(ZoneOffset.UTC),
                Types.TIMESTAMP_WITH_TIMEZONE);
    }

    /** Binds a date to a {@code date} parameter; null for SQL null. */
    protected static void bindDate(PreparedStatement statement, int index, LocalDate value) throws SQLException {
        statement.setObject(index, value, Types.DATE);
    }

    /** This version was written by plain JDBC, as row {@code rowId}. */
    public void stored(long rowId) {
        this.rowId = rowId;
    }

    /** Starts a copy's own validity; the copy has no row id until it is saved. */
    protected void startVersion(long newVersion, Instant at) {
        this.rowId = null;
        this.validTo = null;
        this.version = newVersion;
        this.validFrom = at;
    }
}
