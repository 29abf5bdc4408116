package org.ledger.app.ops;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggerContextListener;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.BaseUnits;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Counts the events logged at each level as {@code logback.events} (tag {@code level}), the meter Spring Boot's
 * {@code LogbackMetricsAutoConfiguration} registers, but from an appender on the root logger instead of Micrometer's
 * turbo filter.
 *
 * <p>Why: logback asks its turbo filters on every level check, whether anything is logged or not, and Hibernate checks
 * its TRACE level once per bound parameter and per value read. With Micrometer's filter installed those checks were
 * 5.5 % of the process's CPU samples under the benchmark's command load (JFR, issue 9), all to count the few events
 * actually written. An appender is called only for those: a level check costs logback a comparison again. The counts
 * are the same: the filter counted the calls whose level the logger has enabled, which is what reaches the root
 * logger's appenders (no logger here turns additivity off). application.yml excludes the auto-configuration.
 *
 * <p>Spring Boot resets the logger context when an application in the same JVM starts (tests start many), which
 * removes the root logger's appenders; a reset-resistant listener puts this one back, as Micrometer does for its filter.
 */
final class LogEventsMetrics implements MeterBinder, AutoCloseable {

    private final LoggerContext context;
    private final CountingAppender appender = new CountingAppender();
    private final LoggerContextListener reattach = new Reattach();

    LogEventsMetrics(LoggerContext context) {
        this.context = context;
    }

    /** Once per application: Spring Boot binds its meter binders to the composite registry, or to the only one. */
    @Override
    public void bindTo(MeterRegistry registry) {
        appender.error = counter(registry, "error");
        appender.warn = counter(registry, "warn");
        appender.info = counter(registry, "info");
        appender.debug = counter(registry, "debug");
        appender.trace = counter(registry, "trace");
        appender.setContext(context);
        appender.setName("ledger-log-events-metrics");
        attach();
        context.addListener(reattach);
    }

    private static Counter counter(MeterRegistry registry, String level) {
        return Counter.builder("logback.events").tag("level", level)
                .description("Number of log events that were enabled by the effective log level")
                .baseUnit(BaseUnits.EVENTS).register(registry);
    }

    /** A reset stops and detaches every appender: this one starts again and goes back on the root logger. */
    private void attach() {
        if (!appender.isStarted()) {
            appender.start();
        }
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        if (!root.isAttached(appender)) {
            root.addAppender(appender);
        }
    }

    @Override
    public void close() {
        context.removeListener(reattach);
        context.getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(appender);
        appender.stop();
    }

    /** Not synchronized: counters are thread-safe, and a lock here would queue every logging thread behind it. */
    private static final class CountingAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {

        private volatile Counter error;
        private volatile Counter warn;
        private volatile Counter info;
        private volatile Counter debug;
        private volatile Counter trace;

        @Override
        protected void append(ILoggingEvent event) {
            switch (event.getLevel().toInt()) {
                case Level.ERROR_INT -> error.increment();
                case Level.WARN_INT -> warn.increment();
                case Level.INFO_INT -> info.increment();
                case Level.DEBUG_INT -> debug.increment();
                case Level.TRACE_INT -> trace.increment();
                default -> { }
            }
        }
    }

    private final class Reattach implements LoggerContextListener {

        @Override
        public boolean isResetResistant() {
            return true;
        }

        @Override
        public void onReset(LoggerContext resetContext) {
            attach();
        }

        @Override
        public void onStart(LoggerContext startedContext) {
        }

        @Override
        public void onStop(LoggerContext stoppedContext) {
        }

        @Override
        public void onLevelChange(Logger logger, Level level) {
        }
    }
}
