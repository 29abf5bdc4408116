package org.ledger.app.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.springboot.EventProcessorProperties;
import org.axonframework.springboot.EventProcessorProperties.ProcessorSettings;
import org.junit.jupiter.api.Test;
import org.ledger.app.AppTestSupport;
import org.ledger.app.TestIssues;
import org.ledger.app.TestUnits;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;

/**
 * A store made when the issue ledger had four segments: the node's start-up merge (the listener itself, so that the
 * choice of processors by their configured segment count is covered too) leaves one, and the ledger goes on showing
 * what is registered afterwards.
 */
class SegmentMergeTest extends AppTestSupport {

    private static final String LEDGER = "issue-ledger";

    @Autowired
    EventProcessingConfiguration processing;

    @Autowired
    TokenStore tokenStore;

    @Autowired
    TransactionManager transactions;

    @Autowired
    EventStore eventStore;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    SegmentMerge merge;

    @Autowired
    MockMvc mvc;

    @Autowired
    EventProcessorProperties processorProperties;

    @Test
    void aProjectionWhoseStoreHasFourSegmentsIsMergedIntoOneAndKeepsUp() throws Exception {
        TestUnits.ensure(mvc);
        TestIssues.register(mvc, "merge-before-" + UUID.randomUUID());
        TrackingEventProcessor ledger = processing.eventProcessor(LEDGER, TrackingEventProcessor.class).orElseThrow();

        // the issue ledger's tokens as a store made before one segment was the default: four segments at the head
        ledger.shutDown();
        transactions.executeInTransaction(() -> {
            jdbc.update("delete from token_entry where processor_name = ?", LEDGER);
            tokenStore.initializeTokenSegments(LEDGER, 4, eventStore.createHeadToken());
        });
        ledger.start();
        awaitClaimed(ledger, 4);
        assertThat(segments()).isEqualTo(4);

        merge.mergeAfterStartUp(); // what the node runs once it is ready

        Instant deadline = Instant.now().plus(SegmentMerge.PER_PROCESSOR);
        while (segments() > 1 && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
        }
        assertThat(segments()).isEqualTo(1);
        awaitClaimed(ledger, 1);
        String id = "merge-after-" + UUID.randomUUID();
        TestIssues.register(mvc, id);
        mvc.perform(get("/api/ledgers/issues/" + id).with(httpBasic("supervisor", "supervisor-pw")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.title").value(TestIssues.TITLE));
    }

    /**
     * A merged segment, and one another node let go of, is claimed on the processor's next look for segments: every
     * projection looks each second, not after Axon's default 5 (application.yml, token-claim-interval).
     */
    @Test
    void everyProjectionLooksForSegmentsToClaimEachSecond() {
        // every tracking processor that runs, so that one missing from application.yml (Axon's 5 s) is caught too
        List<String> tracking = processing.eventProcessors().values().stream()
                .filter(TrackingEventProcessor.class::isInstance).map(EventProcessor::getName).toList();
        assertThat(tracking).hasSize(10);
        for (String name : tracking) {
            ProcessorSettings settings = processorProperties.getProcessors().get(name);
            assertThat(settings).as(name).isNotNull();
            assertThat(Duration.ofMillis(settings.getTokenClaimIntervalTimeUnit()
                    .toMillis(settings.getTokenClaimInterval()))).as(name).isEqualTo(Duration.ofSeconds(1));
        }
    }

    private int segments() {
        return transactions.fetchInTransaction(() -> tokenStore.fetchSegments(LEDGER)).length;
    }

    private static void awaitClaimed(TrackingEventProcessor processor, int segments) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(60);
        while (processor.processingStatus().size() != segments && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        assertThat(processor.processingStatus()).hasSize(segments);
    }
}
