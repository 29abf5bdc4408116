package org.ledger.app.deadletter;

import java.util.Map;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;

/**
 * Health component {@code deadLetters}: the letters waiting per projection, and status {@link #DEGRADED} while any
 * waits. DEGRADED, not DOWN: the node serves everything else correctly (every other row, every command), and the
 * letters live in the shared database, so taking this node out of the load balancer would fix nothing and, with
 * every node showing the same letters, would take the whole service down. application.yml maps DEGRADED to HTTP 200
 * and ranks it between DOWN and UP. The letters are the whole cluster's, whichever node answers.
 */
@Component("deadLetters")
class DeadLettersHealthIndicator extends AbstractHealthIndicator {

    /** Some events wait in a dead-letter queue: an operator must look (README, "Dead letters"). */
    static final Status DEGRADED = new Status("DEGRADED", "Events wait in a dead-letter queue");

    private final DeadLetters deadLetters;

    DeadLettersHealthIndicator(DeadLetters deadLetters) {
        super("Dead-letter health check failed");
        this.deadLetters = deadLetters;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        Map<String, Long> counts = deadLetters.counts();
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        builder.status(total > 0 ? DEGRADED : Status.UP).withDetails(counts);
    }
}
