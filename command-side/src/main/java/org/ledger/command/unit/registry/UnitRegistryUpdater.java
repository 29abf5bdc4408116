package org.ledger.command.unit.registry;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.ledger.kernel.unit.UnitEvents.UnitDissolved;
import org.ledger.kernel.unit.UnitEvents.UnitMoved;
import org.ledger.kernel.unit.UnitEvents.UnitRegistered;
import org.ledger.kernel.unit.UnitEvents.UnitRenamed;
import org.ledger.kernel.unit.UnitId;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code unit_registry} in step with the unit events. It runs in the subscribing processor
 * {@value #NAME} (see {@link UnitRegistryConfiguration}), inside the unit of work and transaction of the command
 * that applied the event: the event and the registry row are stored together or not at all.
 *
 * <p>Handlers tolerate events for units the table does not know (a change to a missing row updates nothing), so
 * that a stray event can never fail an unrelated command.
 */
@Component
@ProcessingGroup(UnitRegistryUpdater.NAME)
class UnitRegistryUpdater {

    static final String NAME = "unit-registry";

    private final JdbcTemplate jdbc;

    UnitRegistryUpdater(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(UnitRegistered event) {
        Integer known = jdbc.queryForObject("select count(*) from unit_registry where unit_id = ?", Integer.class,
                event.unitId().value());
        if (known != null && known > 0) {
            return;
        }
        jdbc.update("insert into unit_registry (unit_id, parent_id, kind, name, dissolved) values (?, ?, ?, ?, false)",
                event.unitId().value(), value(event.parentId()), event.kind().name(), event.name());
    }

    @EventHandler
    void on(UnitRenamed event) {
        jdbc.update("update unit_registry set name = ? where unit_id = ?", event.name(), event.unitId().value());
    }

    @EventHandler
    void on(UnitMoved event) {
        jdbc.update("update unit_registry set parent_id = ? where unit_id = ?", value(event.to()),
                event.unitId().value());
    }

    @EventHandler
    void on(UnitDissolved event) {
        jdbc.update("update unit_registry set dissolved = true where unit_id = ?", event.unitId().value());
    }

    private static String value(UnitId id) {
        return id == null ? null : id.value();
    }
}
