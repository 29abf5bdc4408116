package org.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import org.axonframework.updates.configuration.UsagePropertyProvider;
import org.junit.jupiter.api.Test;

/** Axon 4.12+ reports usage over the network unless told not to; the product must never call out (DESIGN.md §8). */
class UpdateCheckerDisabledTest {

    @Test
    void mainDisablesAxonsUpdateCheckerThroughThePropertyAxonReadsFirst() {
        String before = System.getProperty(LedgerApplication.UPDATE_CHECKER_DISABLED);
        try {
            System.clearProperty(LedgerApplication.UPDATE_CHECKER_DISABLED);
            LedgerApplication.disableUpdateChecker();
            assertThat(System.getProperty("axoniq.update-checker.disabled")).isEqualTo("true");
            // Axon's own resolution (command line > Spring property > env > ~/.axoniq file > default) agrees
            assertThat(UsagePropertyProvider.create().getDisabled()).isTrue();
        } finally {
            if (before == null) {
                System.clearProperty(LedgerApplication.UPDATE_CHECKER_DISABLED);
            } else {
                System.setProperty(LedgerApplication.UPDATE_CHECKER_DISABLED, before);
            }
        }
    }

    @Test
    void anOperatorsExplicitChoiceIsLeftAlone() {
        String before = System.getProperty(LedgerApplication.UPDATE_CHECKER_DISABLED);
        try {
            System.setProperty(LedgerApplication.UPDATE_CHECKER_DISABLED, "false");
            LedgerApplication.disableUpdateChecker();
            assertThat(System.getProperty(LedgerApplication.UPDATE_CHECKER_DISABLED)).isEqualTo("false");
        } finally {
            if (before == null) {
                System.clearProperty(LedgerApplication.UPDATE_CHECKER_DISABLED);
            } else {
                System.setProperty(LedgerApplication.UPDATE_CHECKER_DISABLED, before);
            }
        }
    }
}
