package org.ledger.app.ops;

import java.util.LinkedHashMap;
import java.util.Map;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.ledger.app.node.NodeRoles;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

/**
 * Health component {@code eventProcessors}: DOWN when a projection this node runs is in error (one of its segments
 * failed and retries) (a failing projection never fails a command, so without this nobody would notice). A node
 * without the query role runs no projection and reports UP with nothing to check. Segments claimed by other nodes
 * do not show here.
 */
@Component("eventProcessors")
class EventProcessorsHealthIndicator extends AbstractHealthIndicator {

    private final EventProcessingConfiguration processing;
    private final NodeRoles roles;

    EventProcessorsHealthIndicator(EventProcessingConfiguration processing, NodeRoles roles) {
        super("Event processor health check failed");
        this.processing = processing;
        this.roles = roles;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        builder.up().withDetail("queryRole", roles.query());
        if (!roles.query()) {
            return;
        }
        processing.eventProcessors().values().forEach(processor -> {
            if (!(processor instanceof StreamingEventProcessor streaming)) {
                return;
            }
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("running", streaming.isRunning());
            detail.put("error", streaming.isError());
            Map<Integer, EventTrackerStatus> segments = streaming.processingStatus();
            long failed = segments.values().stream().filter(EventTrackerStatus::isErrorState).count();
            detail.put("claimedSegments", segments.keySet());
            detail.put("segmentsInError", failed);
            // Not DOWN for a stopped processor: a rebuild stops one for a moment, and a load balancer must not
            // take the node out for it.
            if (streaming.isError() || failed > 0) {
                builder.down();
            }
            builder.withDetail(streaming.getName(), detail);
        });
    }
}
