package org.ledger.app.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.RequestDispatcher;
import jakarta.validation.Validator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.ledger.app.ApiEndpoints;
import org.ledger.app.ApiEndpoints.Endpoint;
import org.ledger.app.AppTestSupport;
import org.ledger.app.HttpClientSupport;
import org.ledger.app.evidence.EvidenceFixtures;
import org.ledger.app.hostile.HostileRequests.HostileRequest;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.context.TestContextManager;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.util.unit.DataSize;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Hostile input at every endpoint (issue 8): whatever {@link HostileRequests} throws at an endpoint, as an ADMIN
 * (so that the answer is never a 403), the answer is a 4xx RFC 9457 problem detail that shows nothing internal,
 * the event store (and the evidence directory) is unchanged, and the next ordinary request is served.
 *
 * <p>jqwik runs the properties; the application is the one Spring context of {@link AppTestSupport}, taken from
 * Spring's test context cache through a {@link TestContextManager} (jqwik has no Spring extension of its own), so
 * the run costs no extra start-up. {@link #everyEndpointRefusesEveryKindOfAttack()} tries one request of every
 * kind at every endpoint; {@link #hostileRequestsAreRefused} draws random ones on top.
 */
class HostileInputProperties extends AppTestSupport {

    private static final TestContextManager SPRING = new TestContextManager(HostileInputProperties.class);
    private static Application application;

    /** What the properties need from the running application, looked up once. */
    record Application(MockMvc mvc, JdbcTemplate jdbc, List<Endpoint> endpoints, HostileRequests requests,
                       ObjectMapper webJson, Validator validator) {
    }

    static synchronized Application application() {
        if (application == null) {
            ApplicationContext context = SPRING.getTestContext().getApplicationContext();
            long maxEvidence = context.getEnvironment().getProperty("ledger.evidence.max-size", DataSize.class,
                    DataSize.ofMegabytes(20)).toBytes();
            application = new Application(context.getBean(MockMvc.class), context.getBean(JdbcTemplate.class),
                    ApiEndpoints.of(context.getBean("requestMappingHandlerMapping",
                            RequestMappingHandlerMapping.class)),
                    new HostileRequests(maxEvidence), context.getBean(ObjectMapper.class),
                    context.getBean(Validator.class));
        }
        return application;
    }

    /** Random hostile requests on top of the sweep; edge cases off: the sweep already tries one of every kind. */
    @Property(tries = 100, edgeCases = EdgeCasesMode.NONE)
    void hostileRequestsAreRefused(@ForAll("hostile") HostileRequest request) throws Exception {
        List<String> wrong = new ArrayList<>();
        check(request, wrong);
        stillServing(request.toString(), wrong);
        assertThat(wrong).isEmpty();
    }

    @Provide
    Arbitrary<HostileRequest> hostile() {
        List<Arbitrary<HostileRequest>> all = application().endpoints().stream()
                .flatMap(endpoint -> application().requests().attacksOn(endpoint).stream())
                .toList();
        return Arbitraries.oneOf(all);
    }

    @Example
    void everyEndpointRefusesEveryKindOfAttack() throws Exception {
        List<String> wrong = new ArrayList<>();
        List<String> unattacked = new ArrayList<>();
        int requests = 0;
        for (Endpoint endpoint : application().endpoints()) {
            List<Arbitrary<HostileRequest>> attacks = application().requests().attacksOn(endpoint);
            if (attacks.isEmpty() && HostileRequests.takesInput(endpoint)) {
                unattacked.add(endpoint.key());
            }
            for (Arbitrary<HostileRequest> attack : attacks) {
                check(attack.sample(), wrong);
                requests++;
            }
            stillServing("after the attacks on " + endpoint, wrong);
        }
        assertThat(wrong).as("hostile requests (of %d) that were not refused properly", requests).isEmpty();
        assertThat(unattacked).as("endpoints that read input but had nothing thrown at them").isEmpty();
        assertThat(requests).isGreaterThan(application().endpoints().size());
    }

    /** The field attacks start from the examples; they must be valid, or a 400 would prove nothing. */
    @Example
    void theExampleBodiesTheAttacksStartFromAreValid() throws Exception {
        List<String> invalid = new ArrayList<>();
        for (Endpoint endpoint : application().endpoints()) {
            for (var parameter : endpoint.handler().getMethodParameters()) {
                if (parameter.hasParameterAnnotation(RequestBody.class)) {
                    Class<?> type = parameter.getParameterType();
                    Object body = application().webJson().treeToValue(application().requests().baseline(type), type);
                    application().validator().validate(body)
                            .forEach(violation -> invalid.add(endpoint.key() + ": " + violation.getPropertyPath()
                                    + " " + violation.getMessage()));
                }
            }
        }
        assertThat(invalid).isEmpty();
    }

    /**
     * An upload's file name is a label, never a path: names with traversal, separators or invisible characters are
     * accepted (browsers and scanners send all sorts) but kept as their last segment without the characters free
     * text refuses, and the content lands in the evidence store under its SHA-256 only.
     */
    @Example
    void uploadFileNamesAreOnlyLabels() throws Exception {
        String run = Long.toString(System.nanoTime(), 36);
        new EvidenceFixtures(application().mvc()).itemInProgress("hostile-" + run, "hostile-item-" + run,
                "恶意输入测试" + run);
        Map<String, String> names = Map.of(
                "../../../../etc/passwd.png", "passwd.png",
                "..\\..\\windows\\system32\\证明.png", "证明.png",
                "C:\\fakepath\\整改照片.png", "整改照片.png",
                "photo\u202Egnp.exe", "photognp.exe",
                "\u0000\u001b[31mred\u200B.png", "[31mred.png",
                "..", "evidence");
        Path evidenceRoot = DATA_DIR.resolve("evidence");
        for (Map.Entry<String, String> name : names.entrySet()) {
            MockHttpServletResponse response = application().mvc().perform(multipart(
                            "/api/rectifications/hostile-item-" + run + "/evidence")
                            .file(new MockMultipartFile("file", name.getKey(), "image/png", HttpClientSupport.png()))
                            .with(httpBasic("admin", "admin-pw")))
                    .andReturn().getResponse();
            assertThat(response.getStatus()).as(name.getKey()).isEqualTo(201);
            JsonNode body = HostileRequests.JSON.readTree(response.getContentAsString(StandardCharsets.UTF_8));
            assertThat(body.get("name").asText()).as(name.getKey()).isEqualTo(name.getValue());
        }
        try (Stream<Path> files = Files.walk(DATA_DIR)) {
            assertThat(files.filter(Files::isRegularFile)
                    .filter(file -> file.getFileName().toString().contains("passwd")
                            || file.getFileName().toString().contains(".png")))
                    .as("files named after the client's name").isEmpty();
        }
        assertThat(evidenceRoot).isDirectory();
    }

    /** Performs the request and adds to {@code wrong} what is wrong with the answer and what it left behind. */
    private static void check(HostileRequest request, List<String> wrong) throws Exception {
        Application app = application();
        long events = events();
        boolean upload = request.endpoint().pattern().endsWith("/evidence");
        long evidenceFiles = upload ? evidenceFiles() : 0;
        MockHttpServletResponse response = app.mvc().perform(request.request().get()
                .with(httpBasic("admin", "admin-pw"))).andReturn().getResponse();
        response = errorPage(response, request);
        int status = response.getStatus();
        String body = response.getContentAsString(StandardCharsets.UTF_8);
        String problem = request + " answered " + status + " " + HostileRequests.abbreviate(body.replace('\n', ' '));
        if (status < 400 || status > 499) {
            wrong.add(problem + ": not a 4xx");
        } else if (response.getContentType() == null || !response.getContentType().startsWith(
                "application/problem+json")) {
            wrong.add(problem + ": content type " + response.getContentType());
        } else {
            JsonNode json = HostileRequests.JSON.readTree(body);
            if (json.path("status").asInt() != status || json.path("title").asText().isEmpty()) {
                wrong.add(problem + ": no status/title");
            }
            if (request.field() != null && !body.contains(request.field().replaceAll("\\[\\d+]", ""))
                    && !body.contains(request.field())) {
                wrong.add(problem + ": does not name " + request.field());
            }
        }
        for (String leak : List.of("Exception", "java.", "org.", "jakarta.", "com.fasterxml", "\tat ", "SQL")) {
            if (body.contains(leak)) {
                wrong.add(problem + ": shows '" + leak + "'");
            }
        }
        if (events() != events) {
            wrong.add(problem + ": stored " + (events() - events) + " event(s)");
        }
        if (upload && evidenceFiles() != evidenceFiles) {
            wrong.add(problem + ": stored an evidence file");
        }
    }

    /** The service keeps serving: an ordinary read answers 200. */
    private static void stillServing(String after, List<String> wrong) throws Exception {
        MockHttpServletResponse next = application().mvc().perform(get("/api/units")
                .with(httpBasic("admin", "admin-pw"))).andReturn().getResponse();
        if (next.getStatus() != 200) {
            wrong.add(after + ": the next ordinary request answered " + next.getStatus());
        }
    }

    /**
     * MockMvc does not forward {@code response.sendError} (used by Spring Security's firewall for a URL it refuses)
     * to the error page as the servlet container does; this does, so the answer is the one a client would get.
     */
    private static MockHttpServletResponse errorPage(MockHttpServletResponse response, HostileRequest request)
            throws Exception {
        if (response.getStatus() < 400 || response.getContentAsByteArray().length > 0) {
            return response;
        }
        return application().mvc().perform(get("/error").with(httpBasic("admin", "admin-pw"))
                        .requestAttr(RequestDispatcher.ERROR_STATUS_CODE, response.getStatus())
                        .requestAttr(RequestDispatcher.ERROR_REQUEST_URI, request.endpoint().pattern()))
                .andReturn().getResponse();
    }

    private static long events() {
        Long count = application().jdbc().queryForObject("select count(*) from domain_event_entry", Long.class);
        return count == null ? 0 : count;
    }

    private static long evidenceFiles() {
        Path root = DATA_DIR.resolve("evidence");
        if (!Files.isDirectory(root)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
