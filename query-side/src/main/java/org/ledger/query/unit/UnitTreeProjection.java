package org.ledger.query.unit;

import java.time.Instant;
import java.util.function.Consumer;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.ledger.kernel.unit.UnitEvents.UnitDissolved;
import org.ledger.kernel.unit.UnitEvents.UnitMoved;
import org.ledger.kernel.unit.UnitEvents.UnitRegistered;
import org.ledger.kernel.unit.UnitEvents.UnitRenamed;
import org.ledger.kernel.unit.UnitId;
import org.ledger.query.support.ProjectionNames;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Builds the unit tree from the unit events. Every applied event closes the unit's current version at the event's
 * timestamp and adds a new one; events already seen (sequence number not above the row's version) are skipped,
 * so redelivery and replay are harmless.
 */
@Component
@ProcessingGroup(ProjectionNames.UNIT_TREE)
public class UnitTreeProjection {

    private static final Logger log = LoggerFactory.getLogger(UnitTreeProjection.class);

    private final UnitRowRepository rows;

    public UnitTreeProjection(UnitRowRepository rows) {
        this.rows = rows;
    }

    @EventHandler
    public void on(UnitRegistered event, @SequenceNumber long seq, @Timestamp Instant at) {
        String id = event.unitId().value();
        if (rows.findByUnitIdAndValidToIsNull(id).isPresent()) {
            return;
        }
        rows.save(new UnitRow(id, event.name(), event.kind(), value(event.parentId()), seq, at));
    }

    @EventHandler
    public void on(UnitRenamed event, @SequenceNumber long seq, @Timestamp Instant at) {
        apply(event.unitId(), seq, at, row -> row.rename(event.name()));
    }

    @EventHandler
    public void on(UnitMoved event, @SequenceNumber long seq, @Timestamp Instant at) {
        apply(event.unitId(), seq, at, row -> row.moveTo(value(event.to())));
    }

    @EventHandler
    public void on(UnitDissolved event, @SequenceNumber long seq, @Timestamp Instant at) {
        apply(event.unitId(), seq, at, row -> row.dissolve(event.reason()));
    }

    /** Forgets the whole tree, so that a replay rebuilds it from the first event. */
    @ResetHandler
    public void reset() {
        rows.deleteAllVersions();
    }

    private void apply(UnitId id, long seq, Instant at, Consumer<UnitRow> change) {
        UnitRow current = rows.findByUnitIdAndValidToIsNull(id.value()).orElse(null);
        if (current == null) {
            log.warn("Unit tree has no row for unit {}; event {} skipped", id, seq);
            return;
        }
        if (current.getVersion() >= seq) {
            return;
        }
        UnitRow next = current.nextVersion(seq, at);
        current.supersede(at);
        change.accept(next);
        rows.save(current);
        rows.save(next);
    }

    private static String value(UnitId id) {
        return id == null ? null : id.value();
    }
}
