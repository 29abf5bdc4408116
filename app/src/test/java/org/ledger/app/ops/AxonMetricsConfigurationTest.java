package org.ledger.app.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.micrometer.GlobalMetricRegistry;
import org.axonframework.monitoring.MessageMonitor;
import org.junit.jupiter.api.Test;

/** Axon's processor meters without the capacity monitor, whose window kept every message of ten minutes. */
class AxonMetricsConfigurationTest {

    private static MessageMonitor<? super EventMessage<?>> processorMonitor(GlobalMetricRegistry registry) {
        return registry.registerEventProcessor("eventProcessor", m -> Tags.of("processorName", "issue-ledger"),
                m -> Tags.of("processorName", "issue-ledger"));
    }

    private static void handle(MessageMonitor<? super EventMessage<?>> monitor, int events) {
        for (int i = 0; i < events; i++) {
            monitor.onMessageIngested(GenericEventMessage.asEventMessage("event " + i)).reportSuccess();
        }
    }

    @Test
    void processorsKeepTheirTimersCountersAndLatencyButNoCapacityWindow() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        handle(processorMonitor(new AxonMetricsConfiguration.WithoutCapacityMonitors(meters)), 1_000);

        assertThat(meters.get("eventProcessor.ingestedCounter").counter().count()).isEqualTo(1_000);
        assertThat(meters.get("eventProcessor.successTimer").timer().count()).isEqualTo(1_000);
        assertThat(meters.find("eventProcessor.latency").gauge()).isNotNull();
        assertThat(meters.getMeters()).extracting(meter -> meter.getId().getName())
                .doesNotContain("eventProcessor.capacity");
    }

    @Test
    void axonsOwnRegistryWouldAddTheCapacityMonitor() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        handle(processorMonitor(new GlobalMetricRegistry(meters)), 10);

        assertThat(meters.getMeters()).extracting(Meter::getId).extracting(Meter.Id::getName)
                .contains("eventProcessor.capacity");
    }

    @Test
    void theCommandBusKeepsItsTimerAndCounterWithoutCapacityWindow() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        new AxonMetricsConfiguration.WithoutCapacityMonitors(meters)
                .registerCommandBus("commandBus", m -> Tags.of("payloadType", "RegisterIssue"))
                .onMessageIngested(GenericCommandMessage.asCommandMessage("register")).reportSuccess();

        assertThat(meters.get("commandBus.successTimer").timer().count()).isEqualTo(1);
        assertThat(meters.get("commandBus.ingestedCounter").counter().count()).isEqualTo(1);
        assertThat(meters.getMeters()).extracting(meter -> meter.getId().getName())
                .doesNotContain("commandBus.capacity");
    }
}
