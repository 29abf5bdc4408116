package org.ledger.app.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.micrometer.EventProcessorLatencyMonitor;
import org.axonframework.micrometer.GlobalMetricRegistry;
import org.axonframework.micrometer.MessageCountingMonitor;
import org.axonframework.micrometer.MessageTimerMonitor;
import org.axonframework.monitoring.MessageMonitor;
import org.axonframework.monitoring.MultiMessageMonitor;
import org.junit.jupiter.api.Test;

/**
 * Axon's processor meters without the capacity monitor, whose window kept every message of ten minutes, and found
 * once per payload type rather than registered for every message.
 */
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

    @Test
    void aProcessorHasTheMetersAxonsOwnMonitorsWouldGiveIt() {
        Function<Message<?>, Iterable<Tag>> tags = m -> Tags.of("payloadType", m.getPayloadType().getSimpleName(),
                "processorName", "issue-ledger");
        Function<Message<?>, Iterable<Tag>> latencyTags = m -> Tags.of("processorName", "issue-ledger");
        SimpleMeterRegistry axons = new SimpleMeterRegistry();
        MessageMonitor<EventMessage<?>> axon = new MultiMessageMonitor<>(List.of(
                MessageTimerMonitor.builder().meterNamePrefix("eventProcessor").meterRegistry(axons)
                        .tagsBuilder(tags).build(),
                EventProcessorLatencyMonitor.builder().meterNamePrefix("eventProcessor").meterRegistry(axons)
                        .tagsBuilder(latencyTags).build(),
                MessageCountingMonitor.buildMonitor("eventProcessor", axons, tags)));
        SimpleMeterRegistry ours = new SimpleMeterRegistry();
        MessageMonitor<? super EventMessage<?>> mine =
                MetersByPayloadType.ofProcessor("eventProcessor", ours, tags, latencyTags);

        // two payload types; some handled, some failed, some ignored (another segment's or no handler)
        for (int i = 0; i < 105; i++) {
            EventMessage<?> event = GenericEventMessage.asEventMessage(i % 3 == 0 ? (Object) i : "event " + i);
            for (MessageMonitor<? super EventMessage<?>> monitor : List.<MessageMonitor<? super EventMessage<?>>>of(axon, mine)) {
                MessageMonitor.MonitorCallback callback = monitor.onMessageIngested(event);
                if (i % 7 == 0) {
                    callback.reportIgnored();
                } else if (i % 5 == 0) {
                    callback.reportFailure(new IllegalStateException("handler failed"));
                } else {
                    callback.reportSuccess();
                }
            }
        }

        assertThat(counts(ours)).isEqualTo(counts(axons)).containsEntry(
                "eventProcessor.failureCounter" + Tags.of("payloadType", "String", "processorName", "issue-ledger"),
                12.0);
        assertThat(ours.get("eventProcessor.successTimer").tag("payloadType", "Integer").timer()
                .takeSnapshot().percentileValues()).hasSize(6);
        assertThat(ours.get("eventProcessor.latency").gauges()).hasSize(1);
    }

    /** Every meter by name and tags, with its count (a gauge counts as 1: it exists). */
    private static Map<String, Double> counts(MeterRegistry registry) {
        return registry.getMeters().stream().collect(Collectors.toMap(
                meter -> meter.getId().getName() + Tags.of(meter.getId().getTags()),
                meter -> meter instanceof Counter counter ? counter.count()
                        : meter instanceof Timer timer ? (double) timer.count() : 1.0));
    }
}
