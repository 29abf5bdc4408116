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
import java.util.stream.Collectors;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ledger.LedgerApplication;
import org.ledger.app.HttpClientSupport;
import org.ledger.app.MovableClock;
import org.ledger.app.TestUnits;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * Warnings of a rectification item through the real stack: db-scheduler (persistent) behind Axon's deadline manager,
 * with a clock the test moves. db-scheduler reads the application's clock (DeadlineSchedulerConfiguration), so moving
 * the clock makes stored deadlines due. Each warning must appear exactly once in the item's stream, also when the
 * application stops between scheduling and firing.
 */
class RectificationWarningsTest {

    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    static final LocalDate TODAY = LocalDate.of(2030, 3, 1);
    static final LocalDate DEADLINE = TODAY.plusDays(30);

    /** The clock of every application this test starts; a static, so it outlives a restart. */
    static final MovableClock CLOCK = new MovableClock(Instant.EPOCH, ZONE);

    @TempDir
    Path dataDir;

    @Test
    void eachWarningIsRecordedOnceAsTheClockPassesItsDay() throws Exception {
        CLOCK.set(TODAY.atTime(9, 0).atZone(ZONE).toInstant());
        try (ConfigurableApplicationContext app = start()) {
            HttpClientSupport http = client(app);
            planAndApprove(http, "rect-w-1");
            assertThat(warnings(app, "rect-w-1")).isEmpty();

            moveTo(DEADLINE.minusDays(20));
            awaitWarnings(app, "rect-w-1", 1);
            assertThat(http.get("supervisor", "/api/ledgers/rectifications/rect-w-1").text("warningLevel"))
                    .isEqualTo("GREEN");

            moveTo(DEADLINE.minusDays(10));
            awaitWarnings(app, "rect-w-1", 2);
            awaitLevel(http, "rect-w-1", "YELLOW");

            moveTo(DEADLINE.plusDays(1));
            awaitWarnings(app, "rect-w-1", 3);
            awaitLevel(http, "rect-w-1", "RED");
            HttpClientSupport.Answer row = http.get("supervisor", "/api/ledgers/rectifications/rect-w-1");
            assertThat(row.body().get("daysOverdue").asLong()).isEqualTo(1);
            assertThat(http.get("supervisor", "/api/ledgers/rectifications?warningLevel=RED").body()
                    .get("page").get("totalElements").asInt()).isEqualTo(1);

            // a few more polls: nothing fires twice
            Thread.sleep(1500);
            assertThat(warnings(app, "rect-w-1")).containsExactly(
                    "WarningIssued GREEN", "WarningIssued YELLOW", "BecameOverdue");
        }
    }

    @Test
    void warningsScheduledBeforeARestartFireOnceAfterIt() throws Exception {
        CLOCK.set(TODAY.atTime(9, 0).atZone(ZONE).toInstant());
        try (ConfigurableApplicationContext first = start()) {
            planAndApprove(client(first), "rect-w-2");
            assertThat(warnings(first, "rect-w-2")).isEmpty();
        }
        // while the application is down, all three moments pass
        moveTo(DEADLINE.plusDays(2));
        try (ConfigurableApplicationContext second = start()) {
            awaitWarnings(second, "rect-w-2", 3);
            Thread.sleep(1500);
            assertThat(warnings(second, "rect-w-2")).containsExactly(
                    "WarningIssued GREEN", "WarningIssued YELLOW", "BecameOverdue");
        }
        // and a further restart fires nothing again
        try (ConfigurableApplicationContext third = start()) {
            Thread.sleep(1500);
            assertThat(warnings(third, "rect-w-2")).containsExactly(
                    "WarningIssued GREEN", "WarningIssued YELLOW", "BecameOverdue");
        }
    }

    /**
     * Approved five days before its deadline, an item is YELLOW at once: its YELLOW warning is due when it is
     * scheduled. It fires once the approval has committed, not at db-scheduler's next poll — this application polls
     * once an hour, after the one poll it makes at start-up.
     */
    @Test
    void warningsDueWhenTheyAreScheduledFireOnceTheCommandHasCommitted() throws Exception {
        CLOCK.set(DEADLINE.minusDays(5).atTime(9, 0).atZone(ZONE).toInstant());
        try (ConfigurableApplicationContext app = start("1h")) {
            HttpClientSupport http = client(app);
            planAndApprove(http, "rect-w-3");
            awaitLevel(http, "rect-w-3", "YELLOW");
            assertThat(warnings(app, "rect-w-3")).endsWith("WarningIssued YELLOW").doesNotContain("BecameOverdue");
        }
    }

    private static void planAndApprove(HttpClientSupport http, String id) {
        TestUnits.ensure(http, "supervisor");
        String issue = "issue-" + id;
        assertThat(http.post("supervisor", "/api/issues", body(
                "id", issue, "title", "流动党员管理存在欠缺", "description", "部分流动党员长期未参加组织生活",
                "source", "SELF_EXAMINATION", "responsibleUnitId", "branch-1", "raisedByUnitId", "jgw",
                "foundOn", TODAY.toString())).status()).isEqualTo(201);
        assertThat(http.post("lead", "/api/issues/" + issue + "/acknowledgement", body()).status()).isEqualTo(200);
        assertThat(http.post("lead", "/api/issues/" + issue + "/rectifications", body(
                "id", id, "measure", "建立流动党员微信群，每月推送学习资料", "type", "WITHIN_DEADLINE",
                "ownerUnitId", "branch-1", "ownerName", "张明", "deadline", DEADLINE.toString())).status())
                .isEqualTo(201);
        assertThat(http.post("supervisor", "/api/rectifications/" + id + "/plan-approval",
                body("comment", "同意")).status()).isEqualTo(200);
    }

    private static void moveTo(LocalDate day) {
        CLOCK.set(day.atStartOfDay(ZONE).toInstant().plusSeconds(60));
    }

    /** The warnings in the item's stream, in order, read from the event store. */
    private static List<String> warnings(ConfigurableApplicationContext app, String id) {
        return app.getBean(EventStore.class).readEvents(id).asStream()
                .map(event -> event.getPayload())
                .filter(p -> p.getClass().getSimpleName().equals("WarningIssued")
                        || p.getClass().getSimpleName().equals("BecameOverdue"))
                .map(p -> p instanceof org.ledger.kernel.rectification.RectificationEvents.WarningIssued w
                        ? "WarningIssued " + w.level() : "BecameOverdue")
                .collect(Collectors.toList());
    }

    private static void awaitWarnings(ConfigurableApplicationContext app, String id, int count) throws Exception {
        Instant until = Instant.now().plus(Duration.ofSeconds(20));
        while (warnings(app, id).size() < count && Instant.now().isBefore(until)) {
            Thread.sleep(100);
        }
        assertThat(warnings(app, id)).hasSize(count);
    }

    private static void awaitLevel(HttpClientSupport http, String id, String level) throws Exception {
        Instant until = Instant.now().plus(Duration.ofSeconds(10));
        while (!level.equals(http.get("supervisor", "/api/ledgers/rectifications/" + id).text("warningLevel"))
                && Instant.now().isBefore(until)) {
            Thread.sleep(100);
        }
        assertThat(http.get("supervisor", "/api/ledgers/rectifications/" + id).text("warningLevel")).isEqualTo(level);
    }

    private ConfigurableApplicationContext start() {
        // poll often so the test need not wait the production 10s
        return start("200ms");
    }

    private ConfigurableApplicationContext start(String pollingInterval) {
        return new SpringApplicationBuilder(LedgerApplication.class, MovableClockConfiguration.class).run(
                "--server.port=0",
                "--server.address=127.0.0.1",
                "--ledger.data-dir=" + dataDir,
                "--db-scheduler.polling-interval=" + pollingInterval,
                "--ledger.security.accounts[0].username=supervisor",
                "--ledger.security.accounts[0].password={noop}supervisor",
                "--ledger.security.accounts[0].roles=SUPERVISOR",
                "--ledger.security.accounts[0].unit=jgw",
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
