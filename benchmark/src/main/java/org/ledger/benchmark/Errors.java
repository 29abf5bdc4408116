package org.ledger.benchmark;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Prints the first few failures of a run in full (what answered what), then only counts them: an error in a
 * benchmark is a finding, but ten thousand identical lines hide the table.
 */
final class Errors {

    private static final int PRINTED = 10;
    private static final AtomicInteger seen = new AtomicInteger();

    private Errors() {
    }

    static void report(String message) {
        int n = seen.incrementAndGet();
        if (n <= PRINTED) {
            System.err.println("  ! " + (message.length() > 400 ? message.substring(0, 400) + "…" : message));
        } else if (n == PRINTED + 1) {
            System.err.println("  ! (further errors only counted)");
        }
    }

    static int count() {
        return seen.get();
    }
}
