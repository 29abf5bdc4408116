package org.ledger.query.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * A stop that takes long is reported with the stacks of the processor's threads (what the one five-minute wait seen
 * lacked); a quick stop says nothing; a failed stop fails the wait.
 */
class SlowStopsTest {

    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(SlowStops.class);

    @BeforeEach
    void capture() {
        logged.start();
        logger.addAppender(logged);
    }

    @AfterEach
    void release() {
        logger.detachAppender(logged);
    }

    @Test
    void aStopStillRunningAfterTheIntervalIsLoggedWithItsThreadsStacks() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> stop = new CompletableFuture<>();
        Thread worker = new Thread(() -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            stop.complete(null);
        }, "EventProcessor[slow-ledger]-0");
        worker.start();
        Map<String, CompletableFuture<Void>> stopping = new LinkedHashMap<>();
        stopping.put("quick-ledger", CompletableFuture.completedFuture(null));
        stopping.put("slow-ledger", stop);
        CompletableFuture.delayedExecutor(700, TimeUnit.MILLISECONDS).execute(release::countDown);

        SlowStops.await(stopping, Duration.ofMillis(200));

        assertThat(stop).isDone();
        assertThat(logged.list).isNotEmpty().allSatisfy(event -> {
            String message = event.getFormattedMessage();
            assertThat(message).startsWith("Projection slow-ledger has not stopped after")
                    .contains("EventProcessor[slow-ledger]-0 WAITING", "CountDownLatch.await")
                    .doesNotContain("quick-ledger");
        });
        worker.join(5_000);
    }

    @Test
    void aQuickStopIsNotReported() {
        SlowStops.await(Map.of("quick-ledger", CompletableFuture.completedFuture(null)), Duration.ofMillis(200));

        assertThat(logged.list).isEmpty();
    }

    @Test
    void aStopThatFailedFailsTheWait() {
        CompletableFuture<Void> failed = CompletableFuture.failedFuture(new IllegalStateException("worker failed"));

        assertThatThrownBy(() -> SlowStops.await(Map.of("broken-ledger", failed), Duration.ofMillis(200)))
                .isInstanceOf(CompletionException.class).hasRootCauseMessage("worker failed");
    }
}
