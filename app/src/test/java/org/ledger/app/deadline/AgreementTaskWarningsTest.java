package org.ledger.app.deadline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ledger.app.HttpClientSupport.body;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ledger.LedgerApplication;
import org.ledger.app.HttpClientSupport;
import org.ledger.app.MovableClock;
import org.ledger.app.TestUnits;
import org.ledger.kernel.agreement.AgreementEvents.TaskBecameOverdue;
import org.ledger.kernel.agreement.AgreementEvents.TaskDueSoon;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * Warnings of an agreement's task through the real stack (db-scheduler behind Axon's deadline manager), with a clock
 * the test moves, as {@link RectificationWarningsTest} does for rectification items: each warning appears exactly
 * once in the agreement's stream, a completed task gets no further warning, and deadlines scheduled before a restart
 * fire once after it.
 */
class AgreementTaskWarningsTest {

    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    static final LocalDate TODAY = LocalDate.of(2030, 3, 1);
    static final LocalDate DUE = TODAY.plusDays(30);

    /** The clock of every application this test starts; a static, so it outlives a restart. */
    static final MovableClock CLOCK = new MovableClock(Instant.EPOCH, ZONE);

    @TempDir
    Path dataDir;

    @Test
    void eachTaskWarningIsRecordedOnceAndACompletedTaskGetsNoMore() throws Exception {
        CLOCK.set(TODAY.atTime(9, 0).atZone(ZONE).toInstant());
        try (ConfigurableApplicationContext app = start()) {
            HttpClientSupport http = client(app);
            draftAndSign(http, "agr-w-1");
            assertThat(warnings(app, "agr-w-1")).isEmpty();
            awaitLevel(http, "agr-w-1", "GREEN");

            moveTo(DUE.minusDays(20));
            awaitWarnings(app, "agr-w-1", 1);
            assertThat(warnings(app, "agr-w-1")).containsExactly("TaskDueSoon task-1 GREEN");

            moveTo(DUE.minusDays(10));
            awaitWarnings(app, "agr-w-1", 2);
            awaitLevel(http, "agr-w-1", "YELLOW");
            assertThat(http.get("supervisor", "/api/ledgers/tasks?warningLevel=YELLOW&agreementId=agr-w-1").body()
                    .get("page").get("totalElements").asInt()).isEqualTo(1);

            // the task is completed: its overdue warning is cancelled, and the ledger shows no level any more
            HttpClientSupport.Answer done = http.post("lead", "/api/agreements/agr-w-1/tasks/task-1/progress-reports",
                    body("percent", 100, "note", "主题党日活动已全部开展", "completed", true));
            assertThat(done.status()).as(done.raw()).isEqualTo(200);
            moveTo(DUE.plusDays(1));
            Thread.sleep(1500);
            assertThat(warnings(app, "agr-w-1")).containsExactly(
                    "TaskDueSoon task-1 GREEN", "TaskDueSoon task-1 YELLOW");
            HttpClientSupport.Answer row = http.get("supervisor", "/api/ledgers/tasks/task-1?agreementId=agr-w-1");
            assertThat(row.body().get("status").asText()).isEqualTo("COMPLETED");
            assertThat(row.body().get("warningLevel").isNull()).isTrue();
        }
    }

    @Test
    void taskWarningsScheduledBeforeARestartFireOnceAfterIt() throws Exception {
        CLOCK.set(TODAY.atTime(9, 0).atZone(ZONE).toInstant());
        try (ConfigurableApplicationContext first = start()) {
            draftAndSign(client(first), "agr-w-2");
            assertThat(warnings(first, "agr-w-2")).isEmpty();
        }
        // while the application is down, all three moments pass
        moveTo(DUE.plusDays(2));
        try (ConfigurableApplicationContext second = start()) {
            awaitWarnings(second, "agr-w-2", 3);
            Thread.sleep(1500);
            assertThat(warnings(second, "agr-w-2")).containsExactly(
                    "TaskDueSoon task-1 GREEN", "TaskDueSoon task-1 YELLOW", "TaskBecameOverdue task-1");
            awaitLevel(client(second), "agr-w-2", "RED");
        }
        // and a further restart fires nothing again
        try (ConfigurableApplicationContext third = start()) {
            Thread.sleep(1500);
            assertThat(warnings(third, "agr-w-2")).containsExactly(
                    "TaskDueSoon task-1 GREEN", "TaskDueSoon task-1 YELLOW", "TaskBecameOverdue task-1");
        }
    }

    /** Draft, one item (100 points), task-1 due in 30 days, both signatures: in force. */
    private static void draftAndSign(HttpClientSupport http, String id) {
        TestUnits.ensure(http, "supervisor");
        String commands = "/api/agreements/" + id;
        HttpClientSupport.Answer drafted = http.post("supervisor", "/api/agreements", body(
                "id", id, "title", "2030年度第一党支部党建工作责任书", "periodStart", TODAY.toString(),
                "periodEnd", TODAY.plusMonths(6).toString(), "issuerUnitId", "sqdw", "responsibleUnitId", "branch-1"));
        assertThat(drafted.status()).as(drafted.raw()).isEqualTo(201);
        assertThat(http.post("supervisor", commands + "/items", body("id", "item-1", "category", "组织建设",
                "content", "严格落实“三会一课”制度", "weight", 100)).status()).isEqualTo(201);
        assertThat(http.post("supervisor", commands + "/items/item-1/tasks", body("id", "task-1",
                "description", "每季度开展一次主题党日活动", "assigneeUnitId", "branch-1", "assigneeName", "张明",
                "dueDate", DUE.toString())).status()).isEqualTo(201);
        HttpClientSupport.Answer first = http.post("lead", commands + "/signatures", body("party", "RESPONSIBLE",
                "signerName", "王书记", "signedOn", TODAY.toString()));
        assertThat(first.status()).as(first.raw()).isEqualTo(200);
        HttpClientSupport.Answer second = http.post("supervisor", commands + "/signatures", body("party", "ISSUER",
                "signerName", "李书记", "signedOn", TODAY.toString()));
        assertThat(second.status()).as(second.raw()).isEqualTo(200);
    }

    private static void moveTo(LocalDate day) {
        CLOCK.set(day.atStartOfDay(ZONE).toInstant().plusSeconds(60));
    }

    /** The task warnings in the agreement's stream, in order, read from the event store. */
    private static List<String> warnings(ConfigurableApplicationContext app, String id) {
        return app.getBean(EventStore.class).readEvents(id).asStream()
                .map(event -> {
                    Object payload = event.getPayload();
                    if (payload instanceof TaskDueSoon soon) {
                        return "TaskDueSoon " + soon.taskId() + " " + soon.level();
                    }
                    if (payload instanceof TaskBecameOverdue overdue) {
                        return "TaskBecameOverdue " + overdue.taskId();
                    }
                    return null;
                })
                .filter(Objects::nonNull)
                .collect(Collectors.toList());
    }

    private static void awaitWarnings(ConfigurableApplicationContext app, String id, int count) throws Exception {
        Instant until = Instant.now().plus(Duration.ofSeconds(20));
        while (warnings(app, id).size() < count && Instant.now().isBefore(until)) {
            Thread.sleep(100);
        }
        assertThat(warnings(app, id)).hasSize(count);
    }

    private static String level(HttpClientSupport http, String id) {
        return http.get("supervisor", "/api/ledgers/tasks/task-1?agreementId=" + id).text("warningLevel");
    }

    private static void awaitLevel(HttpClientSupport http, String id, String level) throws Exception {
        Instant until = Instant.now().plus(Duration.ofSeconds(10));
        while (!level.equals(level(http, id)) && Instant.now().isBefore(until)) {
            Thread.sleep(100);
        }
        assertThat(level(http, id)).isEqualTo(level);
    }

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(LedgerApplication.class, MovableClockConfiguration.class).run(
                "--server.port=0",
                "--server.address=127.0.0.1",
                "--ledger.data-dir=" + dataDir,
                // poll often so the test need not wait the production 10s
                "--db-scheduler.polling-interval=200ms",
                "--ledger.security.accounts[0].username=supervisor",
                "--ledger.security.accounts[0].password={noop}supervisor",
                "--ledger.security.accounts[0].roles=SUPERVISOR",
                "--ledger.security.accounts[0].unit=jgw",
                // a root unit is registered by an admin only (TestUnits)
                "--ledger.security.accounts[2].username=admin",
                "--ledger.security.accounts[2].password={noop}admin",
                "--ledger.security.accounts[2].roles=ADMIN",
                "--ledger.security.accounts[2].unit=jgw",
                "--ledger.security.accounts[1].username=lead",
                "--ledger.security.accounts[1].password={noop}lead",
                "--ledger.security.accounts[1].roles=UNIT_LEAD",
                "--ledger.security.accounts[1].unit=branch-1");
    }

    private static HttpClientSupport client(ConfigurableApplicationContext context) {
        return new HttpClientSupport(((WebServerApplicationContext) context).getWebServer().getPort());
    }

    /** Replaces the application's clock with {@link #CLOCK}. */
    @Configuration(proxyBeanMethods = false)
    static class MovableClockConfiguration {

        @Bean
        @Primary
        Clock movableClock() {
            return CLOCK;
        }
    }
}
