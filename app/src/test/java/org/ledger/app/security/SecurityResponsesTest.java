package org.ledger.app.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.ledger.app.AppTestSupport;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.RequestBuilder;

/** 401/403 as problem details, nothing internal in any error body, API security headers, no session cookie. */
class SecurityResponsesTest extends AppTestSupport {

    @Autowired
    MockMvc mvc;

    @Test
    void forbiddenByMethodSecurityAnswers403ProblemDetail() throws Exception {
        // @PreAuthorize("hasRole('ADMIN')") on the rebuild endpoint
        mvc.perform(post("/api/admin/projections/issue-ledger/rebuild").with(httpBasic("lead", "lead-pw")))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(403))
                .andExpect(jsonPath("$.title").value("Forbidden"))
                .andExpect(jsonPath("$.detail").isString())
                .andExpect(jsonPath("$.instance").value("/api/admin/projections/issue-ledger/rebuild"));
    }

    @Test
    void forbiddenByAnAccessRuleAnswers403ProblemDetailNamingTheRule() throws Exception {
        // a root unit is registered by an admin only (AccessRule.UnitManagedFromAbove), checked by the aggregate
        mvc.perform(post("/api/units").with(httpBasic("lead", "lead-pw"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"id\":\"sec-refused\",\"name\":\"不应登记\",\"kind\":\"WORKING_COMMITTEE\"}"))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(403))
                .andExpect(jsonPath("$.rule").value("UnitManagedFromAbove"));
    }

    @Test
    void unauthenticatedAnswers401ProblemDetail() throws Exception {
        mvc.perform(get("/api/units"))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(401));
    }

    @Test
    void noErrorBodyShowsStackTracesSqlOrClassNames() throws Exception {
        Map<String, RequestBuilder> badInputs = new LinkedHashMap<>();
        badInputs.put("malformed JSON", post("/api/issues").with(supervisor())
                .contentType(MediaType.APPLICATION_JSON).content("{\"title\": [}"));
        badInputs.put("wrong types", post("/api/issues").with(supervisor())
                .contentType(MediaType.APPLICATION_JSON).content("{\"title\": {\"a\": 1}, \"foundOn\": 42}"));
        badInputs.put("unknown property", post("/api/units").with(admin())
                .contentType(MediaType.APPLICATION_JSON).content("{\"id\":\"x\",\"nope\":true}"));
        badInputs.put("XML body", post("/api/issues").with(supervisor())
                .contentType(MediaType.APPLICATION_XML).content("<issue/>"));
        badInputs.put("SQL in sort", get("/api/ledgers/issues").with(supervisor())
                .param("sort", "title;drop table issue_ledger--,desc"));
        badInputs.put("SQL in an id", get("/api/ledgers/issues/' or 1=1 --").with(supervisor()));
        badInputs.put("text for a number", get("/api/ledgers/issues").with(supervisor()).param("page", "abc"));
        badInputs.put("huge page size", get("/api/ledgers/issues").with(supervisor()).param("size", "99999999999"));
        badInputs.put("bad instant", get("/api/ledgers/rectifications").with(supervisor())
                .param("asOf", "yesterday"));
        badInputs.put("bad If-Match", post("/api/units/jgw/rename").with(admin()).header("If-Match", "\"v'1\"")
                .contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"x\"}"));
        badInputs.put("unknown projection", post("/api/admin/projections/no-such-projection/rebuild").with(admin()));
        badInputs.put("path traversal", get("/api/ledgers/issues/..;/..;/etc/passwd").with(supervisor()));
        badInputs.put("method not allowed", delete("/api/ledgers/issues").with(supervisor()));
        badInputs.put("unknown path", put("/api/no/such/thing").with(supervisor()));
        badInputs.put("wrong password", get("/api/units").with(httpBasic("admin", "wrong")));

        for (Map.Entry<String, RequestBuilder> input : badInputs.entrySet()) {
            MockHttpServletResponse response = mvc.perform(input.getValue()).andReturn().getResponse();
            String body = response.getContentAsString(StandardCharsets.UTF_8);
            assertThat(response.getStatus()).as(input.getKey() + ": " + body).isBetween(400, 499);
            assertThat(response.getContentType()).as(input.getKey()).startsWith("application/problem+json");
            assertThat(body).as(input.getKey())
                    .doesNotContain("Exception")
                    .doesNotContain("org.")
                    .doesNotContain("java.")
                    .doesNotContain("SQL")
                    .doesNotContain("\tat ");
        }
    }

    @Test
    void apiAnswersCarrySecurityHeadersAndNoSessionCookie() throws Exception {
        String id = "sec-" + UUID.randomUUID().toString().substring(0, 8);
        MockHttpServletResponse write = mvc.perform(post("/api/units").with(admin())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"id\":\"" + id + "\",\"name\":\"安全头测试\",\"kind\":\"WORKING_COMMITTEE\"}"))
                .andExpect(status().isCreated())
                .andReturn().getResponse();
        MockHttpServletResponse read = mvc.perform(get("/api/units/" + id).with(admin()))
                .andExpect(status().isOk())
                .andReturn().getResponse();
        MockHttpServletResponse refused = mvc.perform(get("/api/units"))
                .andExpect(status().isUnauthorized())
                .andReturn().getResponse();
        for (MockHttpServletResponse response : new MockHttpServletResponse[] {write, read, refused}) {
            assertThat(response.getHeader("Set-Cookie")).isNull();
            assertThat(response.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(response.getHeader("X-Frame-Options")).isEqualTo("DENY");
            assertThat(response.getHeader("Cache-Control")).contains("no-store");
            assertThat(response.getHeader("Referrer-Policy")).isEqualTo("no-referrer");
            assertThat(response.getHeader("Content-Security-Policy"))
                    .isEqualTo(SecurityConfiguration.API_CONTENT_SECURITY_POLICY);
            // HSTS only over HTTPS (MockMvc requests are plain HTTP)
            assertThat(response.getHeader("Strict-Transport-Security")).isNull();
        }
    }

    @Test
    void swaggerUiIsNotHeldToTheApiContentSecurityPolicy() throws Exception {
        mvc.perform(get("/swagger-ui/index.html"))
                .andExpect(status().isOk())
                .andExpect(header().doesNotExist("Content-Security-Policy"))
                .andExpect(header().string("X-Content-Type-Options", "nosniff"));
        mvc.perform(get("/v3/api-docs"))
                .andExpect(status().isOk())
                .andExpect(header().doesNotExist("Content-Security-Policy"));
    }

    private static org.springframework.test.web.servlet.request.RequestPostProcessor supervisor() {
        return httpBasic("supervisor", "supervisor-pw");
    }

    private static org.springframework.test.web.servlet.request.RequestPostProcessor admin() {
        return httpBasic("admin", "admin-pw");
    }
}
