package org.ledger.command.support;

import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.NoSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Snapshots of the aggregates whose streams grow long (an item reported on weekly for years, an agreement with many
 * tasks, an issue with many items): loading one then reads its latest snapshot and the events after it instead of
 * its whole stream. Snapshots are a cache of the events, kept in Axon's {@code snapshot_event_entry} table, written by
 * Axon's snapshotter through the primary (Jackson) serializer; the aggregates name this trigger in their
 * {@code @Aggregate} and carry a {@code @Revision} that must change whenever their fields change (see the README,
 * "Snapshots").
 */
@Configuration(proxyBeanMethods = false)
public class SnapshotConfiguration {

    /** The bean name the snapshotted aggregates give in {@code @Aggregate(snapshotTriggerDefinition = ...)}. */
    public static final String TRIGGER = "ledgerSnapshotTrigger";

    /**
     * A snapshot once loading and changing an aggregate has gone through more than {@code ledger.snapshots.threshold}
     * events since its latest snapshot; 0 turns snapshots off (the benchmark compares both).
     */
    @Bean(TRIGGER)
    SnapshotTriggerDefinition ledgerSnapshotTrigger(Snapshotter snapshotter,
                                                    @Value("${ledger.snapshots.threshold:100}") int threshold) {
        if (threshold <= 0) {
            return NoSnapshotTriggerDefinition.INSTANCE;
        }
        return new EventCountSnapshotTriggerDefinition(snapshotter, threshold);
    }
}
