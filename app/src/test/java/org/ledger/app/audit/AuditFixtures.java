package org.ledger.app.audit;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/**
 * Writes issues and items through the API as the test accounts (password: user name + "-pw"), for the audit,
 * dead-letter and snapshot tests.
 */
public final class AuditFixtures {

    public static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();
    public static final LocalDate TODAY = LocalDate.now(ZoneId.of("Asia/Shanghai"));

    private final MockMvc mvc;

    public AuditFixtures(MockMvc mvc) {
        this.mvc = mvc;
    }

    /** jgw → sqdw → branch-1; tolerated when the unit endpoint does not exist yet (404) or they exist (409). */
    public void registerUnits() throws Exception {
        send("admin", HttpMethod.POST, "/api/units",
                Map.of("id", "jgw", "name", "机关工委", "kind", "WORKING_COMMITTEE"), null);
        send("supervisor", HttpMethod.POST, "/api/units",
                Map.of("id", "sqdw", "name", "社区党委", "kind", "COMMUNITY_COMMITTEE", "parentId", "jgw"), null);
        send("supervisor", HttpMethod.POST, "/api/units",
                Map.of("id", "branch-1", "name", "第一党支部", "kind", "BRANCH", "parentId", "sqdw"), null);
    }

    public MockHttpServletResponse registerIssue(String id, String correlationId) throws Exception {
        return send("supervisor", HttpMethod.POST, "/api/issues", Map.of(
                "id", id, "title", "流动党员管理存在欠缺", "description", "部分流动党员长期未参加组织生活。",
                "source", "SELF_EXAMINATION", "responsibleUnitId", "branch-1", "raisedByUnitId", "jgw",
                "foundOn", TODAY.minusDays(3).toString()), correlationId);
    }

    public MockHttpServletResponse acknowledge(String id, String reason, String correlationId) throws Exception {
        return send("lead", HttpMethod.POST, "/api/issues/" + id + "/acknowledgement", Map.of("reason", reason),
                correlationId);
    }

    public MockHttpServletResponse planItem(String issueId, String itemId, String correlationId) throws Exception {
        return send("lead", HttpMethod.POST, "/api/issues/" + issueId + "/rectifications", Map.of(
                "id", itemId, "measure", "建立流动党员微信群", "type", "WITHIN_DEADLINE", "ownerUnitId", "branch-1",
                "ownerName", "张明", "deadline", TODAY.plusDays(30).toString()), correlationId);
    }

    MockHttpServletResponse returnPlan(String itemId, String reason, String correlationId) throws Exception {
        return send("supervisor", HttpMethod.POST, "/api/rectifications/" + itemId + "/plan-return",
                Map.of("reason", reason), correlationId);
    }

    public MockHttpServletResponse approvePlan(String itemId, String correlationId) throws Exception {
        return send("supervisor", HttpMethod.POST, "/api/rectifications/" + itemId + "/plan-approval",
                Map.of("comment", "同意"), correlationId);
    }

    public MockHttpServletResponse send(String user, HttpMethod method, String path, Object body, String correlationId)
            throws Exception {
        MockHttpServletRequestBuilder request = MockMvcRequestBuilders.request(method, path)
                .with(httpBasic(user, user + "-pw"))
                .contentType(MediaType.APPLICATION_JSON)
                .content(JSON.writeValueAsString(body));
        if (correlationId != null) {
            request.header("X-Correlation-Id", correlationId);
        }
        return mvc.perform(request).andReturn().getResponse();
    }

    public MockHttpServletResponse read(String user, String path) throws Exception {
        return mvc.perform(get(path).with(httpBasic(user, user + "-pw"))).andReturn().getResponse();
    }

    public JsonNode readJson(String user, String path) throws Exception {
        MockHttpServletResponse response = read(user, path);
        if (response.getStatus() != 200) {
            throw new AssertionError("GET " + path + " answered " + response.getStatus() + ": "
                    + response.getContentAsString());
        }
        return JSON.readTree(response.getContentAsByteArray());
    }

    public MockHttpServletResponse rebuild(String user, String name) throws Exception {
        return mvc.perform(post("/api/admin/projections/" + name + "/rebuild").with(httpBasic(user, user + "-pw")))
                .andReturn().getResponse();
    }

    /**
     * Waits until no projection is rebuilding and every one has reached the newest stored event (at most 30 s):
     * after a rebuild, before comparing what it gave back.
     */
    public void awaitIdle(JdbcTemplate jdbc) throws Exception {
        long head = jdbc.queryForObject("select coalesce(max(global_index), 0) from domain_event_entry", Long.class);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            JsonNode projections = readJson("admin", "/api/admin/projections");
            boolean idle = true;
            for (JsonNode p : projections) {
                if (p.get("rebuilding").asBoolean() || p.get("position").isNull()
                        || p.get("position").asLong() < head) {
                    idle = false;
                }
            }
            if (idle) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("projections did not catch up: " + projections);
            }
            Thread.sleep(20);
        }
    }
}
