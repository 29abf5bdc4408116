package org.ledger.query.projection;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** The guard answers 503 for the paths of a projection being rebuilt, and only for those. */
class LedgerRebuildGuardTest {

    /** A status that reports the given groups as rebuilding. */
    private static final class FakeStatus extends ProjectionStatus {
        private final Set<String> rebuilding;

        FakeStatus(Set<String> rebuilding) {
            super(null, null);
            this.rebuilding = rebuilding;
        }

        @Override
        public boolean isRebuilding(String group) {
            return rebuilding.contains(group);
        }
    }

    /** As Spring configures it: with the mixin that writes a problem detail's properties at the top level. */
    private static final ObjectMapper JSON = Jackson2ObjectMapperBuilder.json().build();

    private final LedgerRebuildGuard guard = new LedgerRebuildGuard(new FakeStatus(Set.of("issue-ledger")), JSON);

    @Test
    void aLedgerBeingRebuiltAnswers503WithRetryAfterAndAProblemDetail() throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        boolean proceed = guard.preHandle(new MockHttpServletRequest("GET", "/api/ledgers/issues/issue-1"),
                response, null);
        assertThat(proceed).isFalse();
        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeader("Retry-After")).isEqualTo("5");
        assertThat(response.getContentType()).startsWith("application/problem+json");
        JsonNode problem = JSON.readTree(response.getContentAsByteArray());
        assertThat(problem.get("status").asInt()).isEqualTo(503);
        assertThat(problem.get("detail").asText()).startsWith("ledger issue-ledger is being rebuilt");
        assertThat(problem.get("projection").asText()).isEqualTo("issue-ledger");
        assertThat(problem.get("instance").asText()).isEqualTo("/api/ledgers/issues/issue-1");
    }

    @Test
    void otherPathsPass() throws Exception {
        assertThat(guard.preHandle(new MockHttpServletRequest("GET", "/api/ledgers/rectifications"),
                new MockHttpServletResponse(), null)).isTrue();
        assertThat(guard.preHandle(new MockHttpServletRequest("GET", "/api/ledgers/issues-archive"),
                new MockHttpServletResponse(), null)).isTrue();
        assertThat(guard.preHandle(new MockHttpServletRequest("POST", "/api/ledgers/issues"),
                new MockHttpServletResponse(), null)).isTrue();
        assertThat(guard.preHandle(new MockHttpServletRequest("GET", "/api/issues/issue-1/history"),
                new MockHttpServletResponse(), null)).isTrue();
    }

    @Test
    void theIntegrityChainIsNeverRebuiltByAll() {
        assertThat(RebuildableProjections.PATHS).doesNotContainKey("integrity-chain");
        assertThat(RebuildableProjections.groupServing("/api/ledgers/issues")).contains("issue-ledger");
        assertThat(RebuildableProjections.groupServing("/api/audit/events")).contains("audit-log");
        assertThat(RebuildableProjections.groupServing("/api/audit/integrity")).isEmpty();
    }
}
