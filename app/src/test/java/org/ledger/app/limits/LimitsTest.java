package org.ledger.app.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.ledger.app.HttpClientSupport.body;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.bucket4j.TimeMeter;
import jakarta.servlet.MultipartConfigElement;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ledger.LedgerApplication;
import org.ledger.app.HttpClientSupport;
import org.ledger.app.HttpClientSupport.Answer;
import org.ledger.app.PostgresTestDatabase;
import org.ledger.app.TestUnits;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Each request limit of {@code ledger.limits.*} and the evidence upload limit, exceeded over real HTTP (a real
 * Tomcat: chunked bodies, header sizes and the container's multipart limits exist only there), in a context of its
 * own with low limits: a 16KB body limit, 64KB evidence files, a 2 s query bound, and 3 writes at once refilled at
 * 1 per 10 s. The rate limit's clock is {@link TestTime}: it races ahead (every bucket always full) except while a
 * test freezes it, so the other tests' set-up writes are never limited and the refill needs no sleeping.
 */
@SpringBootTest(classes = {LedgerApplication.class, LimitsTest.TimeConfiguration.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "server.address=127.0.0.1",
        "ledger.limits.request-body=16KB",
        "ledger.limits.query-timeout-seconds=2",
        "ledger.limits.writes.rate=1",
        "ledger.limits.writes.period=10s",
        "ledger.limits.writes.burst=3",
        "ledger.evidence.max-size=64KB",
        "ledger.security.accounts[0].username=supervisor",
        "ledger.security.accounts[0].password={noop}supervisor",
        "ledger.security.accounts[0].roles=SUPERVISOR",
        "ledger.security.accounts[0].unit=jgw",
        "ledger.security.accounts[1].username=lead",
        "ledger.security.accounts[1].password={noop}lead",
        "ledger.security.accounts[1].roles=UNIT_LEAD",
        "ledger.security.accounts[1].unit=branch-1",
        "ledger.security.accounts[2].username=admin",
        "ledger.security.accounts[2].password={noop}admin",
        "ledger.security.accounts[2].roles=ADMIN",
        "ledger.security.accounts[2].unit=jgw",
        "ledger.security.accounts[3].username=auditor",
        "ledger.security.accounts[3].password={noop}auditor",
        "ledger.security.accounts[3].roles=AUDITOR",
        "ledger.security.accounts[3].unit=jgw",
        "ledger.security.accounts[4].username=writer",
        "ledger.security.accounts[4].password={noop}writer",
        "ledger.security.accounts[4].roles=SUPERVISOR",
        "ledger.security.accounts[4].unit=jgw",
        "ledger.security.accounts[5].username=other",
        "ledger.security.accounts[5].password={noop}other",
        "ledger.security.accounts[5].roles=SUPERVISOR",
        "ledger.security.accounts[5].unit=jgw"})
class LimitsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Asia/Shanghai"));

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("ledger.data-dir", () -> dataDir.toString());
    }

    /** The token buckets' clock: races an hour ahead on every reading unless frozen. */
    static final class TestTime implements TimeMeter {

        private static final long HOUR = Duration.ofHours(1).toNanos();
        private final AtomicLong nanos = new AtomicLong();
        private volatile boolean frozen;

        @Override
        public long currentTimeNanos() {
            return frozen ? nanos.get() : nanos.addAndGet(HOUR);
        }

        @Override
        public boolean isWallClockBased() {
            return false;
        }

        void freeze() {
            frozen = true;
        }

        void advance(Duration duration) {
            nanos.addAndGet(duration.toNanos());
        }

        void thaw() {
            frozen = false;
        }
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class TimeConfiguration {

        @Bean
        @Primary
        TestTime testTime() {
            return new TestTime();
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    TestTime time;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    DataSource dataSource;

    @Autowired
    MultipartConfigElement multipart;

    @Autowired
    WriteRateLimiter limiter;

    HttpClientSupport http;

    private static boolean unitsRegistered;

    @BeforeEach
    void units() {
        http = new HttpClientSupport(port);
        if (!unitsRegistered) {
            TestUnits.ensure(http, "supervisor");
            unitsRegistered = true;
        }
    }

    private long events() {
        return jdbc.queryForObject("select count(*) from domain_event_entry", Long.class);
    }

    private Map<String, Object> issue(String id, String description) {
        return body("id", id, "title", "限额测试", "description", description, "source", "SELF_EXAMINATION",
                "responsibleUnitId", "branch-1", "raisedByUnitId", "jgw", "foundOn", TODAY.toString());
    }

    private static void assertProblem(Answer answer, int status) {
        assertThat(answer.status()).as(answer.raw()).isEqualTo(status);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.body().get("status").asInt()).isEqualTo(status);
    }

    // ----- request body -----

    @Test
    void aJsonBodyOverTheLimitIsRefusedWith413AndStoresNothing() {
        long before = events();

        Answer refused = http.post("supervisor", "/api/issues", issue("issue-big", "长".repeat(6_000)));

        assertProblem(refused, 413);
        assertThat(refused.text("detail")).contains("16384 bytes");
        assertThat(events()).isEqualTo(before);
        assertThat(http.get("supervisor", "/api/ledgers/issues/issue-big").status()).isEqualTo(404);
        // just under the limit passes
        assertThat(http.post("supervisor", "/api/issues", issue("issue-fits", "短".repeat(4_000))).status())
                .isEqualTo(201);
    }

    @Test
    void aChunkedJsonBodyIsCountedAsItIsReadAndRefusedWith413() throws Exception {
        long before = events();

        Answer refused = chunked("/api/issues", issue("issue-chunked-big", "长".repeat(6_000)));
        Answer accepted = chunked("/api/issues", issue("issue-chunked-small", "短".repeat(100)));

        assertProblem(refused, 413);
        assertThat(http.get("supervisor", "/api/ledgers/issues/issue-chunked-big").status()).isEqualTo(404);
        assertThat(accepted.status()).as(accepted.raw()).isEqualTo(201);
        assertThat(events()).isEqualTo(before + 1);
    }

    /** POSTs JSON as supervisor with no Content-Length: the body goes out chunked. */
    private Answer chunked(String path, Object body) throws Exception {
        byte[] json = JSON.writeValueAsBytes(body);
        HttpResponse<String> response = raw("supervisor", HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(json))));
        return new Answer(response.statusCode(), null, null,
                response.headers().firstValue("Content-Type").orElse(null),
                response.body().startsWith("{") ? JSON.readTree(response.body()) : null, response.body());
    }

    /** For what HttpClientSupport does not show: chunked bodies, the Retry-After header. */
    private static HttpResponse<String> raw(String user, HttpRequest.Builder request) throws Exception {
        request.timeout(Duration.ofSeconds(30)).header("Authorization", "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8)));
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    @Test
    void evidenceUploadsKeepTheirOwnLimitWhichTheMultipartLimitsFollow() {
        assertThat(multipart.getMaxFileSize()).isEqualTo(64 * 1024);
        assertThat(multipart.getMaxRequestSize()).isEqualTo(64 * 1024 + 1024 * 1024);
        itemInProgress("issue-ev-limit", "rect-ev-limit");
        long before = events();

        // larger than the JSON body limit, within the evidence limit: multipart is not bound by the JSON limit
        Answer fits = upload("ev-fits", 40 * 1024);
        // a file over ledger.evidence.max-size: refused by the container's file part limit, which follows it
        Answer overFile = upload("ev-over-file", 100 * 1024);
        // over the whole request limit (max-size + 1MB): refused by the container's parser before it is buffered
        Answer overRequest = upload("ev-over-request", 64 * 1024 + 1024 * 1024 + 1);

        assertThat(fits.status()).as(fits.raw()).isEqualTo(201);
        assertProblem(overFile, 413);
        assertProblem(overRequest, 413);
        assertThat(events()).isEqualTo(before + 1);
    }

    private Answer upload(String id, int size) {
        byte[] pdf = new byte[size];
        System.arraycopy("%PDF-1.4\n".getBytes(StandardCharsets.US_ASCII), 0, pdf, 0, 9);
        return http.upload("lead", "/api/rectifications/rect-ev-limit/evidence", id + ".pdf", "application/pdf", pdf,
                Map.of("id", id));
    }

    private void itemInProgress(String issueId, String itemId) {
        assertThat(http.post("supervisor", "/api/issues", issue(issueId, "佐证限额")).status()).isEqualTo(201);
        assertThat(http.post("lead", "/api/issues/" + issueId + "/acknowledgement", body()).status()).isEqualTo(200);
        assertThat(http.post("lead", "/api/issues/" + issueId + "/rectifications", body("id", itemId,
                "measure", "建立台账", "type", "WITHIN_DEADLINE", "ownerUnitId", "branch-1", "ownerName", "张明",
                "deadline", TODAY.plusDays(30).toString())).status()).isEqualTo(201);
        assertThat(http.post("supervisor", "/api/rectifications/" + itemId + "/plan-approval", body()).status())
                .isEqualTo(200);
    }

    @Test
    void aHeaderOverTomcatsLimitIs400AsAProblemDetail() {
        Answer answer = http.send("supervisor", "GET", "/api/ledgers/issues", null,
                Map.of("X-Filler", "x".repeat(10_000)));

        assertProblem(answer, 400);
        assertThat(answer.text("detail")).contains("headers are malformed or too large");
    }

    // ----- page size -----

    @Test
    void aPageLargerThan200IsRefusedWith400OnTheLedgersAndTheAuditLog() {
        assertThat(http.get("supervisor", "/api/ledgers/issues?size=200").status()).isEqualTo(200);
        assertProblem(http.get("supervisor", "/api/ledgers/issues?size=201"), 400);
        assertThat(http.get("auditor", "/api/audit/events?size=200").status()).isEqualTo(200);
        assertProblem(http.get("auditor", "/api/audit/events?size=201"), 400);
    }

    // ----- write rate -----

    @Test
    void writesOverTheRateAre429WithRetryAfterUntilTheBucketRefills() throws Exception {
        time.freeze();
        try {
            for (int i = 1; i <= 3; i++) {
                assertThat(http.post("writer", "/api/units", unit("rate-" + i)).status()).isEqualTo(201);
            }
            long before = events();

            Answer refused = http.post("writer", "/api/units", unit("rate-4"));

            assertProblem(refused, 429);
            assertThat(retryAfter("writer", unit("rate-4"))).isEqualTo("10");
            assertThat(events()).isEqualTo(before);
            assertThat(http.get("writer", "/api/units/rate-4").status()).isEqualTo(404);
            // reads are not limited, nor is another user
            assertThat(http.get("writer", "/api/units").status()).isEqualTo(200);
            assertThat(http.post("other", "/api/units", unit("rate-other")).status()).isEqualTo(201);

            time.advance(Duration.ofSeconds(10));

            assertThat(http.post("writer", "/api/units", unit("rate-4")).status()).isEqualTo(201);
            assertProblem(http.post("writer", "/api/units", unit("rate-5")), 429);
        } finally {
            time.thaw();
        }
        // idle buckets are full again after a while, and pruned: memory does not grow with users
        http.post("writer", "/api/units", unit("rate-6"));
        assertThat(limiter.bucketCount()).isLessThanOrEqualTo(1);
    }

    private static Map<String, Object> unit(String id) {
        return body("id", id, "name", "限流测试" + id, "kind", "COMMUNITY_COMMITTEE", "parentId", "jgw");
    }

    /** The Retry-After header of a refused write. */
    private String retryAfter(String user, Object body) throws Exception {
        HttpResponse<String> response = raw(user, HttpRequest.newBuilder(uri("/api/units"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))));
        assertThat(response.statusCode()).isEqualTo(429);
        return response.headers().firstValue("Retry-After").orElse(null);
    }

    // ----- query time -----

    /**
     * PostgreSQL only: a read waits behind a lock another transaction holds on the ledger table, for real, until the
     * database cancels it at the bound. H2 has no way to make a ledger read wait or run long on demand (its reads
     * never wait for locks), so there the bound is configured the same but not shown by a test.
     */
    @Test
    void aReadThatRunsPastTheBoundIs503WithRetryAfter() throws Exception {
        assumeTrue(PostgresTestDatabase.enabled(), "PostgreSQL run only");
        try (Connection lock = dataSource.getConnection()) {
            lock.setAutoCommit(false);
            try (Statement statement = lock.createStatement()) {
                statement.execute("lock table issue_ledger in access exclusive mode");
            }
            try {
                HttpResponse<String> answer = raw("supervisor", HttpRequest.newBuilder(uri("/api/ledgers/issues")));

                assertThat(answer.statusCode()).as(answer.body()).isEqualTo(503);
                assertThat(answer.headers().firstValue("Content-Type")).contains("application/problem+json");
                assertThat(answer.headers().firstValue("Retry-After")).contains("2");
                assertThat(JSON.readTree(answer.body()).get("detail").asText()).contains("within 2 s");
            } finally {
                lock.rollback();
            }
        }
        assertThat(http.get("supervisor", "/api/ledgers/issues").status()).isEqualTo(200);
    }
}
