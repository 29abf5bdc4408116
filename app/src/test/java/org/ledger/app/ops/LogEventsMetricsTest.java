package org.ledger.app.ops;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

/**
 * {@code logback.events} counts what is logged, level by level, without a turbo filter; it keeps counting after the
 * logger context is reset (as Spring Boot does when another application starts in the JVM) and stops when closed.
 * A logger context of its own, so that the JVM's logging is left alone.
 */
class LogEventsMetricsTest {

    private final LoggerContext context = new LoggerContext();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void countsTheEventsLoggedAtEachEnabledLevel() {
        try (LogEventsMetrics metrics = new LogEventsMetrics(context)) {
            metrics.bindTo(registry);
            Logger logger = logger(Level.INFO);

            logger.error("failed");
            logger.warn("slow");
            logger.warn("slow again");
            logger.info("started");
            logger.debug("not enabled for this logger");
            logger.trace("not enabled either");

            assertThat(count("error")).isEqualTo(1);
            assertThat(count("warn")).isEqualTo(2);
            assertThat(count("info")).isEqualTo(1);
            assertThat(count("debug")).isZero();
            assertThat(count("trace")).isZero();
            assertThat(context.getTurboFilterList()).isEmpty();
        }
    }

    @Test
    void keepsCountingAfterTheLoggerContextIsResetAndStopsWhenClosed() {
        LogEventsMetrics metrics = new LogEventsMetrics(context);
        metrics.bindTo(registry);

        context.reset();
        logger(Level.INFO).warn("after a reset");
        assertThat(count("warn")).isEqualTo(1);

        metrics.close();
        logger(Level.INFO).warn("after close");
        assertThat(count("warn")).isEqualTo(1);
        assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).iteratorForAppenders().hasNext()).isFalse();
    }

    private Logger logger(Level level) {
        Logger logger = context.getLogger("org.ledger.app.ops.LogEventsMetricsTest.sample");
        logger.setLevel(level);
        return logger;
    }

    private double count(String level) {
        return registry.get("logback.events").tag("level", level).counter().count();
    }
}
