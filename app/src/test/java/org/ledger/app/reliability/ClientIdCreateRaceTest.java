package org.ledger.app.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ledger.app.HttpClientSupport.body;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.ledger.app.HttpClientSupport.Answer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Creates that reuse one client-chosen id at the same moment (a client retrying a create it thinks was lost, two
 * clerks entering the same issue): exactly one is created (201), every other learns that it exists (409 with rule
 * {@code AlreadyExists}), never a 500, and the store holds exactly one creation event.
 */
class ClientIdCreateRaceTest extends RaceTestSupport {

    private static final int CLIENTS = 16;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void oneOfSixteenConcurrentIssueRegistrationsWithTheSameIdWinsTheOthersLearnItExists() throws Exception {
        Map<String, Object> issue = body("id", "issue-race-1", "title", "党员发展程序不规范",
                "description", "入党积极分子培养考察记录不全。", "source", "INSPECTION",
                "responsibleUnitId", "branch-1", "raisedByUnitId", "jgw",
                "foundOn", LocalDate.now(ZoneId.of("Asia/Shanghai")).toString());
        List<Answer> answers = race(copies(() -> http.post("supervisor", "/api/issues", issue)));

        assertOneCreatedOthersExist(answers);
        assertOneCreationEvent("issue-race-1", "IssueRegistered");
    }

    @Test
    void oneOfSixteenConcurrentUnitRegistrationsWithTheSameIdWinsTheOthersLearnItExists() throws Exception {
        Map<String, Object> unit = body("id", "branch-race", "name", "第二党支部", "kind", "BRANCH",
                "parentId", "sqdw");
        List<Answer> answers = race(copies(() -> http.post("supervisor", "/api/units", unit)));

        assertOneCreatedOthersExist(answers);
        assertOneCreationEvent("branch-race", "UnitRegistered");
    }

    private static List<Supplier<Answer>> copies(Supplier<Answer> request) {
        List<Supplier<Answer>> requests = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            requests.add(request);
        }
        return requests;
    }

    private static void assertOneCreatedOthersExist(List<Answer> answers) {
        assertThat(answers).filteredOn(a -> a.status() == 201).hasSize(1);
        for (Answer answer : answers) {
            if (answer.status() != 201) {
                assertThat(answer.status()).as(answer.raw()).isEqualTo(409);
                assertThat(answer.contentType()).startsWith("application/problem+json");
                assertThat(answer.text("rule")).as(answer.raw()).isEqualTo("AlreadyExists");
            }
        }
    }

    private void assertOneCreationEvent(String aggregateId, String type) {
        List<StoredEvents.Event> stream = StoredEvents.read(jdbc).of(aggregateId);
        assertThat(stream).isNotEmpty();
        assertThat(stream).filteredOn(e -> e.type().equals(type)).hasSize(1);
        assertThat(stream.get(0).type()).isEqualTo(type);
        assertThat(stream.get(0).sequence()).isZero();
    }
}
