package org.ledger.query.export;

import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.MDC;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * The threads that read an export's next chunk while the request's thread writes the current one
 * ({@link LedgerExport#write}). Up to {@value #THREADS}, started when exports run and ended after a minute without
 * one; the reads of more exports at once wait in line (two cores read no faster with more threads, and each
 * reading thread holds a database connection while it reads). Each read carries the request's logging context.
 *
 * <p>Deliberately not an {@link java.util.concurrent.Executor} bean: Spring Boot would take it for the
 * application's task executor and stop configuring its own.
 */
@Component
class ExportReadAhead implements DisposableBean {

    static final int THREADS = 4;

    private final ExecutorService threads;

    ExportReadAhead() {
        AtomicInteger count = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(THREADS, THREADS, 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), task -> {
                    Thread thread = new Thread(task, "export-read-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        pool.allowCoreThreadTimeOut(true);
        this.threads = pool;
    }

    /** Runs {@code read} on a reading thread, with the caller's logging context (the request id). */
    void execute(Runnable read) {
        Map<String, String> context = MDC.getCopyOfContextMap();
        threads.execute(() -> {
            if (context != null) {
                MDC.setContextMap(context);
            }
            try {
                read.run();
            } finally {
                MDC.clear();
            }
        });
    }

    @Override
    public void destroy() {
        threads.shutdownNow();
    }
}
