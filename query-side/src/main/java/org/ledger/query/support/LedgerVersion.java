package org.ledger.query.support;

import jakarta.persistence.Column;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import java.time.Instant;

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

    /** Starts a copy's own validity; the copy has no row id until it is saved. */
    protected void startVersion(long newVersion, Instant at) {
        this.rowId = null;
        this.validTo = null;
        this.version = newVersion;
        this.validFrom = at;
    }
}
