package org.ledger.app.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ledger.app.HttpClientSupport.body;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.Test;
import org.ledger.app.HttpClientSupport;
import org.ledger.app.HttpClientSupport.Answer;
import org.ledger.app.TestUnits;
import org.ledger.app.reliability.StoredEvents.Sent;
import org.ledger.command.access.ActorScopeInterceptor;
import org.ledger.command.rectification.RectificationItem;
import org.ledger.command.rectification.WarningPolicy;
import org.ledger.kernel.MetadataKeys;
import org.ledger.kernel.rectification.EvidenceId;
import org.ledger.kernel.rectification.ExtensionRequestId;
import org.ledger.kernel.rectification.RectificationCommands.ApproveExtension;
import org.ledger.kernel.rectification.RectificationCommands.ReportProgress;
import org.ledger.kernel.rectification.RectificationCommands.RequestClosure;
import org.ledger.kernel.rectification.RectificationCommands.RequestExtension;
import org.ledger.kernel.rectification.RectificationCommands.VerifyClosure;
import org.ledger.kernel.rectification.RectificationEvents.ClosureRequested;
import org.ledger.kernel.rectification.RectificationEvents.ExtensionApproved;
import org.ledger.kernel.rectification.RectificationEvents.RectificationClosed;
import org.ledger.kernel.rectification.RectificationId;
import org.ledger.kernel.rectification.RectificationStatus;
import org.ledger.kernel.rectification.VerificationOutcome;
import org.ledger.kernel.unit.UnitId;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Many clients act on the same approved rectification item at the same moment, in two rounds of 12 released by a
 * start gate: first progress reports (a third with the If-Match of the version they read before), an extension request
 * and two approvals of it; then more progress, three closure requests (one with If-Match) and three verifications.
 * Every request ends in 2xx, 409 or 412, never a 500; and the outcome is serializable: the item's stored stream is
 * gap-free, each accepted request appended its event exactly once and each refused one nothing, and each accepted
 * command, given exactly the events stored before its own, is accepted again by a fresh aggregate fixture (with the
 * real access check) and appends exactly the events stored for it — so the stored order is a serial order of the
 * accepted commands. The ledger shows the status and deadline that order ends in.
 */
class SameItemRaceTest extends RaceTestSupport {

    private static final String ISSUE = "issue-same-item";
    private static final String ITEM = "rect-same-item";
    private static final String EVIDENCE = "ev-same-item";
    private static final String EXTENSION = "ext-same-item";

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    EventStore eventStore;

    @Autowired
    Clock clock;

    @Autowired
    WarningPolicy warningPolicy;

    /** A request of the race: the command the controller builds from it, and how the client sends it. */
    private record Move(String correlationId, String eventType, Object command, Supplier<Answer> send) {
    }

    @Test
    void concurrentWritesOnOneItemAreRefusedCleanlyOrAppliedInASerialOrder() throws Exception {
        LocalDate today = LocalDate.now(clock);
        LocalDate deadline = today.plusDays(60);
        String itemPath = "/api/rectifications/" + ITEM;
        expect(201, http.post("supervisor", "/api/issues", body("id", ISSUE, "title", "“三会一课”记录不规范",
                "description", "支委会记录缺少签名。", "source", "INSPECTION", "responsibleUnitId", "branch-1",
                "raisedByUnitId", "jgw", "foundOn", today.toString())));
        expect(200, http.post("lead", "/api/issues/" + ISSUE + "/acknowledgement", body("reason", "已签收")));
        expect(201, http.post("lead", "/api/issues/" + ISSUE + "/rectifications", body("id", ITEM,
                "measure", "补齐支委会记录并逐人签名", "type", "WITHIN_DEADLINE", "ownerUnitId", "branch-1",
                "ownerName", "张明", "deadline", deadline.toString())));
        expect(200, http.post("supervisor", itemPath + "/plan-approval", body("comment", "同意")));
        Answer uploaded = http.upload("lead", itemPath + "/evidence", "记录.pdf", "application/pdf",
                HttpClientSupport.pdf("记录"), Map.of("id", EVIDENCE));
        expect(201, uploaded);
        long readVersion = Long.parseLong(uploaded.text("version"));
        long before = stream().size();

        RectificationId item = RectificationId.of(ITEM);
        List<EvidenceId> evidence = List.of(EvidenceId.of(EVIDENCE));
        ExtensionRequestId extension = ExtensionRequestId.of(EXTENSION);
        LocalDate extended = deadline.plusDays(30);

        // Round 1, while the item runs: progress (a third of it with the If-Match read before), the extension
        // request and two approvals of it that may arrive before or after it.
        List<Move> opening = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            opening.add(progress("progress-" + i, i % 3 == 0 ? readVersion : null, 10 + i, today));
        }
        opening.add(move("extension", "lead", "/extension-requests", null,
                body("id", EXTENSION, "reason", "党员外出务工，需延期", "proposedDeadline", extended.toString()),
                "ExtensionRequested", new RequestExtension(item, null, extension, "党员外出务工，需延期", extended, today)));
        for (int i = 0; i < 2; i++) {
            opening.add(move("approval-" + i, "supervisor", "/extension-requests/" + EXTENSION + "/approval", null,
                    body("comment", "同意延期"), "ExtensionApproved",
                    new ApproveExtension(item, null, extension, null, "同意延期")));
        }
        List<Answer> answers = new ArrayList<>(race(opening.stream().map(Move::send).toList()));

        // Round 2, towards 销号: more progress, closure requests and verifications, all at once; some with the
        // If-Match of the ledger's ETag read after round 1.
        String etag = http.get("supervisor", "/api/ledgers/rectifications/" + ITEM).etag();
        long secondRead = Long.parseLong(etag.replace("\"", ""));
        List<Move> second = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            second.add(progress("progress-late-" + i, i % 2 == 0 ? secondRead : null, 60 + i, today));
        }
        for (int i = 0; i < 3; i++) {
            Long version = i == 2 ? secondRead : null;
            second.add(move("closure-" + i, "lead", "/closure-request", version == null ? null : "\"" + version + "\"",
                    body("statement", "记录已补齐", "evidenceIds", List.of(EVIDENCE)), "ClosureRequested",
                    new RequestClosure(item, version, "记录已补齐", evidence, today)));
        }
        for (int i = 0; i < 3; i++) {
            second.add(move("verification-" + i, "supervisor", "/verification", null,
                    body("outcome", "CLOSED", "comment", "同意销号"), "RectificationClosed",
                    new VerifyClosure(item, null, VerificationOutcome.CLOSED, "同意销号", today)));
        }
        assertThat(opening).hasSizeGreaterThanOrEqualTo(12);
        assertThat(second).hasSizeGreaterThanOrEqualTo(12);
        answers.addAll(race(second.stream().map(Move::send).toList()));
        List<Move> moves = new ArrayList<>(opening);
        moves.addAll(second);

        // Every answer is 2xx, 409 (a rule, on the state the request met) or 412 (its If-Match was stale).
        List<Sent> sent = new ArrayList<>();
        Map<String, Move> byCorrelation = new HashMap<>();
        for (int i = 0; i < moves.size(); i++) {
            Move move = moves.get(i);
            Answer answer = answers.get(i);
            assertThat(answer.status() / 100 == 2 || answer.status() == 409 || answer.status() == 412)
                    .as(move.correlationId() + " answered " + answer.status() + ": " + answer.raw()).isTrue();
            assertThat(answer.contentType()).as(move.correlationId()).isNotNull();
            sent.add(new Sent(move.correlationId(), ITEM, move.eventType(), answer.status()));
            byCorrelation.put(move.correlationId(), move);
        }
        assertThat(sent).filteredOn(Sent::accepted).isNotEmpty();

        // The store: gap-free, each accepted request's event exactly once, nothing from a refused one.
        StoredEvents store = StoredEvents.read(jdbc);
        store.assertEveryStreamGapFree();
        store.assertExactlyOnce(sent);

        // Serializable: the stored order is a serial order. Each accepted command, given exactly the events stored
        // before its own, is accepted again and appends exactly what is stored for it.
        List<DomainEventMessage<?>> stream = stream();
        Map<String, List<DomainEventMessage<?>>> raceEvents = new LinkedHashMap<>();
        for (DomainEventMessage<?> event : stream.subList((int) before, stream.size())) {
            String correlation = (String) event.getMetaData().get(MetadataKeys.CORRELATION_ID);
            assertThat(byCorrelation).as("an event of the race with correlation " + correlation)
                    .containsKey(correlation);
            raceEvents.computeIfAbsent(correlation, k -> new ArrayList<>()).add(event);
        }
        assertThat(raceEvents.keySet()).containsExactlyInAnyOrderElementsOf(sent.stream().filter(Sent::accepted)
                .map(Sent::correlationId).toList());
        Set<String> replayed = new LinkedHashSet<>();
        for (Map.Entry<String, List<DomainEventMessage<?>>> accepted : raceEvents.entrySet()) {
            List<DomainEventMessage<?>> own = accepted.getValue();
            long first = own.get(0).getSequenceNumber();
            assertThat(own.get(own.size() - 1).getSequenceNumber()).as("one command's events are contiguous")
                    .isEqualTo(first + own.size() - 1);
            MetaData actor = own.get(0).getMetaData();
            fixture().given(payloads(stream.subList(0, (int) first)))
                    .when(byCorrelation.get(accepted.getKey()).command(), actor)
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(payloads(own).toArray());
            replayed.add(accepted.getKey());
        }
        System.out.println("SameItemRaceTest: " + moves.size() + " clients; serial order of the accepted: " + replayed
                + "; answers: " + sent.stream().map(s -> s.correlationId() + "=" + s.status()).toList());

        // The ledger shows where that serial order ends: the status and the effective deadline.
        RectificationStatus expectedStatus = RectificationStatus.IN_PROGRESS;
        LocalDate expectedDeadline = deadline;
        for (DomainEventMessage<?> event : stream) {
            Object payload = event.getPayload();
            if (payload instanceof ClosureRequested) {
                expectedStatus = RectificationStatus.CLOSURE_REQUESTED;
            } else if (payload instanceof RectificationClosed) {
                expectedStatus = RectificationStatus.CLOSED;
            } else if (payload instanceof ExtensionApproved approved) {
                expectedDeadline = approved.newDeadline();
            }
        }
        Answer ledger = http.get("supervisor", "/api/ledgers/rectifications/" + ITEM);
        expect(200, ledger);
        assertThat(ledger.text("status")).isEqualTo(expectedStatus.name());
        assertThat(ledger.etag()).isEqualTo("\"" + (stream.size() - 1) + "\"");
        assertThat(ledger.raw()).contains(expectedDeadline.toString());
    }

    private Move progress(String correlationId, Long version, int percent, LocalDate today) {
        String note = "第" + percent + "次进展";
        return move(correlationId, "lead", "/progress-reports", version == null ? null : "\"" + version + "\"",
                body("percent", percent, "note", note, "evidenceIds", List.of(EVIDENCE)), "ProgressReported",
                new ReportProgress(RectificationId.of(ITEM), version, percent, note,
                        List.of(EvidenceId.of(EVIDENCE)), today));
    }

    private Move move(String correlationId, String user, String path, String ifMatch, Map<String, Object> json,
                      String eventType, Object command) {
        Map<String, String> headers = ifMatch == null ? Map.of("X-Correlation-Id", correlationId)
                : Map.of("X-Correlation-Id", correlationId, "If-Match", ifMatch);
        return new Move(correlationId, eventType, command,
                () -> http.send(user, "POST", "/api/rectifications/" + ITEM + path, json, headers));
    }

    private List<DomainEventMessage<?>> stream() {
        List<DomainEventMessage<?>> events = new ArrayList<>();
        eventStore.readEvents(ITEM).forEachRemaining(events::add);
        return events;
    }

    private static List<Object> payloads(List<DomainEventMessage<?>> events) {
        return events.stream().map(e -> (Object) e.getPayload()).toList();
    }

    /** A fresh fixture with the command side's real access check over the test units (jgw → sqdw → branch-1). */
    private FixtureConfiguration<RectificationItem> fixture() {
        FixtureConfiguration<RectificationItem> fixture = new AggregateTestFixture<>(RectificationItem.class);
        fixture.registerCommandHandlerInterceptor(new ActorScopeInterceptor(SameItemRaceTest::subtree));
        fixture.registerInjectableResource(warningPolicy);
        return fixture;
    }

    private static Set<UnitId> subtree(UnitId unit) {
        Set<UnitId> subtree = new LinkedHashSet<>();
        subtree.add(unit);
        for (List<String> candidate : TestUnits.UNITS) {
            if (subtree.contains(UnitId.of(candidate.get(3).isEmpty() ? candidate.get(0) : candidate.get(3)))) {
                subtree.add(UnitId.of(candidate.get(0)));
            }
        }
        return subtree;
    }

    private static void expect(int status, Answer answer) {
        assertThat(answer.status()).as(answer.raw()).isEqualTo(status);
    }
}
