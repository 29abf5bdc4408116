package org.ledger.query.support;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** Waiting for a read another thread runs (an export's next chunk, a page's ids), with its failure as it was thrown. */
public final class Await {

    private Await() {
    }

    /**
     * The read's result once it is there. A runtime exception it failed with is rethrown as itself, not wrapped, so
     * that a query timeout still maps to 503 and a vanished row still says so.
     */
    public static <T> T result(CompletableFuture<T> reading) {
        try {
            return reading.join();
        } catch (CompletionException failed) {
            if (failed.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw failed;
        }
    }
}
