package org.ledger.query.projection;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waits for processors being stopped, and says what their threads are doing while a stop takes long.
 *
 * <p>Why: a stopped processor lets its workers finish their batch for up to
 * {@code ledger.projections.worker-termination-timeout} (5 minutes) before it interrupts them. Once, a rebuild waited
 * that whole time for the unit tree's worker, which was not finishing a batch but waiting for something only the
 * interrupt ended (README, "Open finding" under "Rebuilding projections"), and nothing showed what. Every
 * {@code reportEvery} without the stop done, each processor still stopping is logged at WARN with the stacks of its
 * threads (Axon names them {@code EventProcessor[name]-n}). Like {@code join()}, the wait is not cut short by an
 * interrupt of the waiting thread; the interrupt is kept for after it.
 */
final class SlowStops {

    private static final Logger log = LoggerFactory.getLogger(SlowStops.class);

    private SlowStops() {
    }

    static void await(Map<String, CompletableFuture<Void>> stopping, Duration reportEvery) {
        CompletableFuture<Void> all = CompletableFuture.allOf(stopping.values().toArray(CompletableFuture[]::new));
        long started = System.nanoTime();
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    all.get(reportEvery.toMillis(), TimeUnit.MILLISECONDS);
                    return;
                } catch (TimeoutException slow) {
                    Duration waited = Duration.ofNanos(System.nanoTime() - started);
                    stopping.forEach((processor, stop) -> {
                        if (!stop.isDone()) {
                            log.warn("Projection {} has not stopped after {} s; its threads:{}", processor,
                                    waited.toSeconds(), threadsOf(processor));
                        }
                    });
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    throw new CompletionException(e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The state and stack of every live thread of the processor. */
    static String threadsOf(String processor) {
        String prefix = "EventProcessor[" + processor + "]";
        StringBuilder text = new StringBuilder();
        Thread.getAllStackTraces().forEach((thread, frames) -> {
            if (thread.getName().startsWith(prefix)) {
                text.append('\n').append(thread.getName()).append(' ').append(thread.getState());
                for (StackTraceElement frame : frames) {
                    text.append("\n    at ").append(frame);
                }
            }
        });
        return text.length() == 0 ? " none" : text.toString();
    }
}
