package org.ledger.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/** The app's own infrastructure: schema, security, problem details, correlation ids, OpenAPI. */
class WebInfrastructureTest extends AppTestSupport {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void flywayCreatedTheAxonSchemaAndHibernateValidatedIt() {
        List<String> versions = jdbc.queryForList(
                "select \"version\" from \"flyway_schema_history\" where \"success\" = true order by \"installed_rank\"",
                String.class);
        assertThat(versions).contains("1");
        assertThat(jdbc.queryForObject(
                // lower(): H2 stores the name in upper case, PostgreSQL in lower case
                "select increment from information_schema.sequences where lower(sequence_name) = 'domain_event_entry_seq'",
                Long.class)).isEqualTo(1L);
    }

    @Test
    void readsWithoutCredentialsAnswer401ProblemDetail() throws Exception {
        MvcResult result = mvc.perform(get("/api/ledgers/issues"))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(header().string("WWW-Authenticate", "Basic realm=\"ledger\""))
                .andExpect(header().exists("X-Correlation-Id"))
                .andExpect(jsonPath("$.type").value("about:blank"))
                .andExpect(jsonPath("$.title").value("Unauthorized"))
                .andExpect(jsonPath("$.status").value(401))
                .andExpect(jsonPath("$.detail").isString())
                .andExpect(jsonPath("$.instance").value("/api/ledgers/issues"))
                .andReturn();
        assertThat(result.getResponse().getHeader("Set-Cookie")).isNull();
    }

    @Test
    void writesWithoutCredentialsAnswer401() throws Exception {
        mvc.perform(post("/api/issues").contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void wrongPasswordAnswers401() throws Exception {
        mvc.perform(get("/api/ledgers/issues").with(httpBasic("supervisor", "wrong")))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.status").value(401));
    }

    @Test
    void statelessNoSessionCookie() throws Exception {
        MvcResult result = mvc.perform(get("/api/ledgers/issues").with(httpBasic("supervisor", "supervisor-pw")))
                .andReturn();
        assertThat(result.getResponse().getStatus()).isLessThan(500);
        assertThat(result.getResponse().getHeader("Set-Cookie")).isNull();
        assertThat(result.getRequest().getSession(false)).isNull();
    }

    @Test
    void unknownPathAnswers404ProblemDetail() throws Exception {
        mvc.perform(get("/api/no-such-thing").with(httpBasic("supervisor", "supervisor-pw")))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(404))
                .andExpect(jsonPath("$.instance").value("/api/no-such-thing"));
    }

    @Test
    void malformedJsonAnswers400ProblemDetail() throws Exception {
        mvc.perform(post("/api/issues").with(httpBasic("supervisor", "supervisor-pw"))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"title\": "))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value("The request body is not well-formed JSON."));
    }

    @Test
    void badEnumNamesTheField() throws Exception {
        mvc.perform(post("/api/issues").with(httpBasic("supervisor", "supervisor-pw"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"title":"t","description":"d","source":"NOPE","responsibleUnitId":"branch-1",
                                 "raisedByUnitId":"jgw","foundOn":"2025-06-30"}"""))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("source"))
                .andExpect(jsonPath("$.detail", org.hamcrest.Matchers.containsString("INSPECTION")));
    }

    @Test
    void badDateNamesTheField() throws Exception {
        mvc.perform(post("/api/issues").with(httpBasic("supervisor", "supervisor-pw"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"title":"t","description":"d","source":"INSPECTION","responsibleUnitId":"branch-1",
                                 "raisedByUnitId":"jgw","foundOn":"30/06/2025"}"""))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("foundOn"));
    }

    @Test
    void invalidBodyAnswers400WithFieldList() throws Exception {
        mvc.perform(post("/api/issues").with(httpBasic("supervisor", "supervisor-pw"))
                        .contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[*].field", org.hamcrest.Matchers.hasItem("title")))
                .andExpect(jsonPath("$.instance").value("/api/issues"));
    }

    @Test
    void correlationIdIsEchoedWhenSafeAndReplacedOtherwise() throws Exception {
        mvc.perform(get("/actuator/health").header("X-Correlation-Id", "req-42.a_b"))
                .andExpect(status().isOk())
                .andExpect(header().string("X-Correlation-Id", "req-42.a_b"));
        MvcResult result = mvc.perform(get("/actuator/health").header("X-Correlation-Id", "bad id <script>"))
                .andExpect(status().isOk())
                .andReturn();
        assertThat(result.getResponse().getHeader("X-Correlation-Id")).matches("[0-9a-f-]{36}");
    }

    @Test
    void openApiIsOpenAndDescribesLabelsAndBasicAuth() throws Exception {
        String json = mvc.perform(get("/v3/api-docs"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.components.securitySchemes.basic.type").value("http"))
                .andExpect(jsonPath("$.components.securitySchemes.basic.scheme").value("basic"))
                .andExpect(jsonPath("$.security[0].basic").isArray())
                // the bearer scheme (profile jwt) is offered as an alternative, not as a second requirement
                .andExpect(jsonPath("$.components.securitySchemes.bearer.type").value("http"))
                .andExpect(jsonPath("$.components.securitySchemes.bearer.scheme").value("bearer"))
                .andExpect(jsonPath("$.components.securitySchemes.bearer.bearerFormat").value("JWT"))
                .andExpect(jsonPath("$.security[1].bearer").isArray())
                .andReturn().getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(json).contains("INSPECTION=专项督查").contains("LOOK_BACK=回头看");
        assertThat(json).doesNotContain("\"/error\"");
    }

    @Test
    void swaggerUiIsOpen() throws Exception {
        mvc.perform(get("/swagger-ui.html")).andExpect(status().is3xxRedirection());
    }
}
