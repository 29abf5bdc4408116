package org.ledger.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Workload 3's bookkeeping against a scripted {@code /api/admin/projections}: the rebuild lasts until every projection
 * {@code all} resets is at the head, and the note names each processor in the order it got there, the integrity
 * chain (not reset) included.
 */
class RebuildTest {

    private static final long HEAD = 500;

    @Test
    void eachProcessorIsTimedWhenFirstSeenAtTheHead() throws Exception {
        List<String> answers = List.of(
                states(state("issue-ledger", true, 10), state("rectification-ledger", true, 10),
                        state("integrity-chain", false, 300)),
                states(state("issue-ledger", true, HEAD), state("rectification-ledger", true, 200),
                        state("integrity-chain", false, 400)),
                states(state("issue-ledger", true, HEAD), state("rectification-ledger", true, HEAD),
                        state("integrity-chain", false, 450)),
                states(state("issue-ledger", true, HEAD), state("rectification-ledger", true, HEAD),
                        state("integrity-chain", false, HEAD)));
        AtomicInteger reads = new AtomicInteger();
        List<String> posted = new ArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/admin/projections/all/rebuild", exchange -> {
            posted.add(exchange.getRequestMethod());
            answer(exchange, 202, "{}");
        });
        server.createContext("/api/admin/projections", exchange ->
                answer(exchange, 200, answers.get(Math.min(reads.getAndIncrement(), answers.size() - 1))));
        server.start();
        try {
            Http http = new Http(server.getAddress().getPort(), new Auth.Basic(Map.of("admin", "secret")));

            Rebuild.Took took = new Rebuild(http, HEAD).rebuildAll(Duration.ofSeconds(10));

            assertThat(posted).containsExactly("POST");
            assertThat(took.eachAtHead().keySet())
                    .containsExactly("issue-ledger", "rectification-ledger", "integrity-chain");
            Duration issue = took.eachAtHead().get("issue-ledger");
            Duration rectification = took.eachAtHead().get("rectification-ledger");
            // one 100 ms poll apart; the rebuild ends with the last projection it reset, the chain comes later
            assertThat(rectification).isGreaterThan(issue);
            assertThat(took.rebuilt()).isGreaterThanOrEqualTo(rectification);
            assertThat(took.everyProcessor()).isGreaterThanOrEqualTo(took.eachAtHead().get("integrity-chain"));
            assertThat(took.describeEach())
                    .matches("issue-ledger \\d+\\.\\d s, rectification-ledger \\d+\\.\\d s, integrity-chain \\d+\\.\\d s");
        } finally {
            server.stop(0);
        }
    }

    private static String states(String... states) {
        return "[" + String.join(",", states) + "]";
    }

    private static String state(String name, boolean rebuiltByAll, long position) {
        return "{\"name\":\"" + name + "\",\"rebuiltByAll\":" + rebuiltByAll + ",\"rebuilding\":" + (position < HEAD)
                + ",\"error\":false,\"position\":" + position + "}";
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
