package org.ledger.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Workload 3 of issue 9, the rebuild: over a store the {@link EventGenerator} filled, how fast every projection is
 * rebuilt. It reads the processors' state from {@code GET /api/admin/projections} (position = lowest global index
 * the processor's segments reached) and counts a projection as caught up when it is not rebuilding and its position
 * has reached the head of the store the generator left.
 */
final class Rebuild {

    private final Http http;
    private final long head;

    /**
     * @param head the global index of the last event in the store (nothing else may be appended meanwhile: the
     *             rebuild runs before the command load)
     */
    Rebuild(Http http, long head) {
        this.http = http;
        this.head = head;
    }

    /**
     * Waits until every processor on the node (the integrity chain included) has reached the head: on the first
     * start over a generated store the projections have no token yet and project the whole store.
     */
    Duration awaitCaughtUp(Duration timeout) throws InterruptedException {
        long start = System.nanoTime();
        awaitHead(false, timeout, start, new LinkedHashMap<>());
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /**
     * How long a rebuild took: until every projection it reset was back at the head, and until every processor of
     * the node was (the integrity chain, which {@code all} does not reset, may still be on its first pass).
     */
    record Took(Duration rebuilt, Duration everyProcessor, Map<String, Duration> eachAtHead) {

        /** "name 12.3 s, ..." in the order the processors reached the head. */
        String describeEach() {
            StringJoiner each = new StringJoiner(", ");
            eachAtHead.forEach((name, took) -> each.add(String.format(Locale.ROOT, "%s %.1f s", name,
                    took.toMillis() / 1000.0)));
            return each.toString();
        }
    }

    /**
     * {@code POST /api/admin/projections/all/rebuild} (every ledger and the audit log; the integrity chain only when
     * named, so it is not part of it), waits until each of them has replayed up to the head, then until every other
     * processor is there too.
     */
    Took rebuildAll(Duration timeout) throws InterruptedException {
        long start = System.nanoTime();
        Http.Answer answer = http.post("admin", "/api/admin/projections/all/rebuild", null);
        if (answer.status() != 202) {
            throw new IllegalStateException("rebuild answered " + answer.status() + ": " + answer.raw());
        }
        Map<String, Duration> eachAtHead = new LinkedHashMap<>();
        awaitHead(true, timeout, start, eachAtHead);
        Duration rebuilt = Duration.ofNanos(System.nanoTime() - start);
        awaitHead(false, timeout, start, eachAtHead);
        return new Took(rebuilt, Duration.ofNanos(System.nanoTime() - start), eachAtHead);
    }

    /**
     * Polls until every processor (or every one {@code all} rebuilds) is at the head; {@code eachAtHead} gets each
     * processor's time since {@code start} when it was first seen there, so that a note can say which ones the
     * rebuild waited for.
     */
    private void awaitHead(boolean onlyRebuiltByAll, Duration timeout, long start, Map<String, Duration> eachAtHead)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<String> behind = List.of("(no answer yet)");
        while (System.nanoTime() < deadline) {
            Http.Answer answer = http.get("admin", "/api/admin/projections");
            JsonNode processors = answer.ok() ? answer.json() : null;
            if (processors != null && processors.isArray() && !processors.isEmpty()) {
                behind = new ArrayList<>();
                for (JsonNode processor : processors) {
                    if (onlyRebuiltByAll && !processor.path("rebuiltByAll").asBoolean()) {
                        continue;
                    }
                    JsonNode position = processor.get("position");
                    if (processor.path("error").asBoolean()) {
                        throw new IllegalStateException("projection " + processor.path("name").asText()
                                + " is in error: see the application's log");
                    }
                    String name = processor.path("name").asText();
                    if (processor.path("rebuilding").asBoolean() || position == null || position.isNull()
                            || position.asLong() < head) {
                        behind.add(name + "@" + (position == null || position.isNull() ? "-" : position.asText()));
                    } else {
                        eachAtHead.putIfAbsent(name, Duration.ofNanos(System.nanoTime() - start));
                    }
                }
                if (behind.isEmpty()) {
                    return;
                }
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("projections not at the head " + head + " within " + timeout + ": " + behind);
    }
}
