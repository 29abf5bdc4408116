package org.ledger.command.lookback.registry;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.ledger.kernel.rectification.RectificationEvents.RectificationClosed;
import org.ledger.kernel.rectification.RectificationEvents.RectificationDeclaredOngoing;
import org.ledger.kernel.rectification.RectificationEvents.RectificationPlanRevised;
import org.ledger.kernel.rectification.RectificationEvents.RectificationPlanned;
import org.ledger.kernel.rectification.RectificationEvents.RectificationReopened;
import org.ledger.kernel.rectification.RectificationId;
import org.ledger.kernel.unit.UnitId;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The command side's own list of rectification items with their owner unit and closure date, from which a
 * look-back draws its sample (set-based validation: the look-back aggregate cannot query, and the command
 * side never reads the query side's ledgers).
 *
 * <p>Kept by a subscribing processor ({@value #NAME}) in the same transaction as the item events it follows,
 * so it is never behind the event store. Table {@code closed_item_registry} belongs to it alone.
 */
@Component
@ProcessingGroup(ClosedItemRegistry.NAME)
public class ClosedItemRegistry {

    public static final String NAME = "closed-item-registry";

    private final JdbcTemplate jdbc;

    public ClosedItemRegistry(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A rectification item as the registry knows it. */
    public record Entry(RectificationId rectificationId, UnitId ownerUnitId, String status, LocalDate closedOn) {
    }

    @EventHandler
    void on(RectificationPlanned event) {
        jdbc.update("insert into closed_item_registry (rectification_id, owner_unit_id, status, closed_on) "
                        + "values (?, ?, 'OPEN', null)",
                event.rectificationId().value(), event.ownerUnitId().value());
    }

    @EventHandler
    void on(RectificationPlanRevised event) {
        jdbc.update("update closed_item_registry set owner_unit_id = ? where rectification_id = ?",
                event.ownerUnitId().value(), event.rectificationId().value());
    }

    @EventHandler
    void on(RectificationClosed event) {
        jdbc.update("update closed_item_registry set status = 'CLOSED', closed_on = ? where rectification_id = ?",
                event.closedOn(), event.rectificationId().value());
    }

    @EventHandler
    void on(RectificationDeclaredOngoing event) {
        jdbc.update("update closed_item_registry set status = 'ONGOING', closed_on = null where rectification_id = ?",
                event.rectificationId().value());
    }

    @EventHandler
    void on(RectificationReopened event) {
        jdbc.update("update closed_item_registry set status = 'OPEN', closed_on = null where rectification_id = ?",
                event.rectificationId().value());
    }

    /** The items closed within [from, to] whose owner is one of {@code ownerUnits}, in id order. */
    public List<RectificationId> closedBetween(Collection<String> ownerUnits, LocalDate from, LocalDate to) {
        if (ownerUnits.isEmpty()) {
            return List.of();
        }
        String placeholders = String.join(",", ownerUnits.stream().map(unit -> "?").toList());
        Object[] args = new Object[ownerUnits.size() + 2];
        args[0] = from;
        args[1] = to;
        int i = 2;
        for (String unit : ownerUnits) {
            args[i++] = unit;
        }
        return jdbc.queryForList("select rectification_id from closed_item_registry where status = 'CLOSED' "
                        + "and closed_on between ? and ? and owner_unit_id in (" + placeholders + ") "
                        + "order by rectification_id", String.class, args)
                .stream().map(RectificationId::of).toList();
    }

    public Optional<Entry> find(RectificationId id) {
        return jdbc.query("select rectification_id, owner_unit_id, status, closed_on from closed_item_registry "
                        + "where rectification_id = ?",
                (rs, row) -> new Entry(RectificationId.of(rs.getString(1)), UnitId.of(rs.getString(2)),
                        rs.getString(3), rs.getObject(4, LocalDate.class)),
                id.value()).stream().findFirst();
    }
}
