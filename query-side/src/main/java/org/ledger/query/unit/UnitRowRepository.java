package org.ledger.query.unit;

import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

/** The versions of the unit tree's rows. Reads select versions with {@link org.ledger.query.support.Validity}. */
public interface UnitRowRepository extends JpaRepository<UnitRow, Long>, JpaSpecificationExecutor<UnitRow> {

    /** The current version of a unit's row. */
    Optional<UnitRow> findByUnitIdAndValidToIsNull(String unitId);

    @Modifying(flushAutomatically = true, clearAutomatically = true)
    // TRUNCATE, not DELETE: a rebuild empties the table (ProjectionStatus explains why).
    @Query(value = "truncate table unit_tree", nativeQuery = true)
    void deleteAllVersions();
}
