package org.ledger.query.unit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.ledger.kernel.unit.UnitKind;
import org.ledger.query.support.LedgerVersion;

/**
 * One version of one unit of the unit tree. Rows are never changed in place except to end their validity:
 * {@link #nextVersion} copies the current version, the projection changes the copy. Keeping versions lets the
 * ledgers' subtree filters use the tree as it was at the instant they read.
 */
@Entity
@Table(name = "unit_tree")
public class UnitRow extends LedgerVersion {

    @Column(name = "id", nullable = false, length = 64)
    private String unitId;

    @Column(name = "name", nullable = false, length = 200)
    private String name;

    @Enumerated(EnumType.STRING)
    @JdbcTypeCode(SqlTypes.VARCHAR)
    @Column(name = "kind", nullable = false, length = 32)
    private UnitKind kind;

    @Column(name = "parent_id", length = 64)
    private String parentId;

    @Column(name = "dissolved", nullable = false)
    private boolean dissolved;

    @Column(name = "dissolution_reason", length = 2000)
    private String dissolutionReason;

    @Column(name = "registered_at", nullable = false)
    private Instant registeredAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected UnitRow() {
    }

    UnitRow(String unitId, String name, UnitKind kind, String parentId, long version, Instant at) {
        super(version, at);
        this.unitId = unitId;
        this.name = name;
        this.kind = kind;
        this.parentId = parentId;
        this.registeredAt = at;
        this.updatedAt = at;
    }

    /** A copy of this version, to become the version {@code version} valid from {@code at}. */
    UnitRow nextVersion(long version, Instant at) {
        UnitRow next = new UnitRow();
        next.startVersion(version, at);
        next.unitId = unitId;
        next.name = name;
        next.kind = kind;
        next.parentId = parentId;
        next.dissolved = dissolved;
        next.dissolutionReason = dissolutionReason;
        next.registeredAt = registeredAt;
        next.updatedAt = at;
        return next;
    }

    void rename(String newName) {
        this.name = newName;
    }

    void moveTo(String newParentId) {
        this.parentId = newParentId;
    }

    void dissolve(String reason) {
        this.dissolved = true;
        this.dissolutionReason = reason;
    }

    public String getUnitId() {
        return unitId;
    }

    public String getName() {
        return name;
    }

    public UnitKind getKind() {
        return kind;
    }

    public String getParentId() {
        return parentId;
    }

    public boolean isDissolved() {
        return dissolved;
    }

    public String getDissolutionReason() {
        return dissolutionReason;
    }

    public Instant getRegisteredAt() {
        return registeredAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }
}
