package org.ledger.app.ops;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import java.util.function.Function;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.micrometer.GlobalMetricRegistry;
import org.axonframework.monitoring.MessageMonitor;
import org.axonframework.queryhandling.QueryMessage;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Axon's meters (timers, counters and the processors' latency, tagged by processor and payload type), without
 * Axon's capacity monitors, and found once per payload type ({@link MetersByPayloadType}).
 *
 * <p>Axon's auto-configuration gives every event processor, the command bus and the query bus a
 * {@code CapacityMonitor} whose sliding window keeps every message it saw in the last ten minutes, one skip-list
 * entry each. Ten projections handle every event, so a rebuild of 100,000 events left 3.3 million entries (280 MB of
 * a 512 MB heap) and the garbage collector's marking took most of a core (the benchmark, issue 9); under steady
 * command load they hold ten minutes of every processor's messages, growing with the load. Every other meter Axon
 * registers is fixed in size. Axon's auto-configuration backs off when a {@link GlobalMetricRegistry} bean exists
 * and registers this one the same way.
 */
@Configuration(proxyBeanMethods = false)
class AxonMetricsConfiguration {

    @Bean
    GlobalMetricRegistry globalMetricRegistry(MeterRegistry meterRegistry) {
        return new WithoutCapacityMonitors(meterRegistry);
    }

    /**
     * {@link GlobalMetricRegistry} as Axon builds it, less the capacity monitors (dimensional meters, as configured),
     * with Axon's other monitors' meters kept by {@link MetersByPayloadType}.
     */
    static final class WithoutCapacityMonitors extends GlobalMetricRegistry {

        WithoutCapacityMonitors(MeterRegistry registry) {
            super(registry);
        }

        @Override
        public MessageMonitor<? super EventMessage<?>> registerEventProcessor(
                String name, Function<Message<?>, Iterable<Tag>> tags, Function<Message<?>, Iterable<Tag>> latencyTags) {
            return MetersByPayloadType.ofProcessor(name, getRegistry(), tags, latencyTags);
        }

        @Override
        public MessageMonitor<? super CommandMessage<?>> registerCommandBus(String name,
                                                                           Function<Message<?>, Iterable<Tag>> tags) {
            return MetersByPayloadType.ofBus(name, getRegistry(), tags);
        }

        @Override
        public MessageMonitor<? super QueryMessage<?, ?>> registerQueryBus(String name,
                                                                          Function<Message<?>, Iterable<Tag>> tags) {
            return MetersByPayloadType.ofBus(name, getRegistry(), tags);
        }
    }
}
