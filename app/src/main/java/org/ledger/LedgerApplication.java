package org.ledger;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The one deployable. It lives in the root package {@code org.ledger} so that component scanning, entity
 * scanning and Spring Data repositories cover the command side, the query side and the app alike.
 */
@SpringBootApplication
public class LedgerApplication {

    /** Read by Axon's {@code CommandLineUsagePropertyProvider}, the highest-priority source of the opt-out. */
    static final String UPDATE_CHECKER_DISABLED = "axoniq.update-checker.disabled";

    public static void main(String[] args) {
        disableUpdateChecker();
        SpringApplication.run(LedgerApplication.class, args);
    }

    /**
     * Axon 4.12+ reports usage to its vendor over the network unless told not to (DESIGN.md §8). The product
     * must never call out, so the opt-out is set before anything of Axon's is loaded; an operator's explicit
     * {@code -Daxoniq.update-checker.disabled=…} is left alone. {@code axon.update-check.disabled} in
     * application.yml is a second line of defence for launches that bypass this main method.
     */
    static void disableUpdateChecker() {
        if (System.getProperty(UPDATE_CHECKER_DISABLED) == null) {
            System.setProperty(UPDATE_CHECKER_DISABLED, "true");
        }
    }
}
