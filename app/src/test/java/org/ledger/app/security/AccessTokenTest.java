package org.ledger.app.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.ledger.app.AppTestSupport;
import org.ledger.kernel.MetadataKeys;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.RequestBuilder;

/**
 * The embedded default's access tokens: a password sign-in exchanged once for a bearer token that then acts as the
 * account — with the account's current roles and unit — and nothing else gets through.
 */
class AccessTokenTest extends AppTestSupport {

    @Autowired
    MockMvc mvc;

    @Autowired
    AccessTokens tokens;

    @Autowired
    EventStore eventStore;

    @Autowired
    Clock clock;

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void aPasswordSignInGetsABearerTokenForTheConfiguredLifetime() throws Exception {
        JsonNode answer = json.readTree(mvc.perform(post("/api/auth/token").with(httpBasic("auditor", "auditor-pw")))
                .andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString());
        assertThat(answer.path("token_type").asText()).isEqualTo("Bearer");
        assertThat(answer.path("expires_in").asLong()).isEqualTo(Duration.ofMinutes(15).toSeconds());
        assertThat(answer.path("access_token").asText()).matches("[\\w-]+\\.[\\w-]+\\.[\\w-]+");
    }

    @Test
    void theTokenActsAsItsAccountWithTheAccountsRolesAndUnit() throws Exception {
        String token = tokenOf("admin", "admin-pw");
        String id = "token-" + UUID.randomUUID().toString().substring(0, 8);
        mvc.perform(post("/api/units").header("Authorization", "Bearer " + token)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"id\":\"" + id + "\",\"name\":\"令牌登记\",\"kind\":\"WORKING_COMMITTEE\"}"))
                .andExpect(status().isCreated());
        mvc.perform(get("/api/units/" + id).header("Authorization", "Bearer " + token))
                .andExpect(status().isOk());

        var metaData = eventStore.readEvents(id).asStream().toList().get(0).getMetaData();
        assertThat(metaData.get(MetadataKeys.USER)).isEqualTo("admin");
        assertThat(metaData.get(MetadataKeys.UNIT)).isEqualTo("jgw");
        assertThat(metaData.get(MetadataKeys.ROLES)).isEqualTo("ADMIN");
    }

    @Test
    void theTokenCarriesNoMoreRightsThanItsAccount() throws Exception {
        String token = tokenOf("auditor", "auditor-pw");
        mvc.perform(post("/api/units").header("Authorization", "Bearer " + token)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"id\":\"token-refused\",\"name\":\"不应登记\",\"kind\":\"WORKING_COMMITTEE\"}"))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        assertThat(eventStore.readEvents("token-refused").asStream().toList()).isEmpty();
    }

    @Test
    void aTokenCannotBeExchangedForAnotherToken() throws Exception {
        String token = tokenOf("supervisor", "supervisor-pw");
        mvc.perform(post("/api/auth/token").header("Authorization", "Bearer " + token))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void aWrongPasswordGetsNoToken() throws Exception {
        mvc.perform(post("/api/auth/token").with(httpBasic("supervisor", "guess")))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void anAlteredTokenIsRefused() throws Exception {
        String token = tokenOf("supervisor", "supervisor-pw");
        String[] parts = token.split("\\.");
        // the same signature over claims that name another user
        String forged = parts[0] + "." + tokens.issue("admin").accessToken().split("\\.")[1] + "." + parts[2];
        refused(get("/api/units").header("Authorization", "Bearer " + forged));
    }

    @Test
    void anExpiredTokenIsRefused() throws Exception {
        String expired = tokens.issue("supervisor", clock.instant().minus(Duration.ofHours(1))).accessToken();
        refused(get("/api/units").header("Authorization", "Bearer " + expired));
    }

    @Test
    void aTokenSignedWithAnotherKeyIsRefused() throws Exception {
        AccessTokens stranger = new AccessTokens(new LedgerSecurityProperties.Tokens(), clock);
        refused(get("/api/units").header("Authorization", "Bearer " + stranger.issue("admin").accessToken()));
    }

    @Test
    void aTokenOfAnAccountThatDoesNotExistIsRefused() throws Exception {
        refused(get("/api/units").header("Authorization", "Bearer " + tokens.issue("ghost").accessToken()));
    }

    @Test
    void garbageIsRefused() throws Exception {
        refused(get("/api/units").header("Authorization", "Bearer not.a.token"));
    }

    private String tokenOf(String user, String password) throws Exception {
        String body = mvc.perform(post("/api/auth/token").with(httpBasic(user, password)))
                .andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        return json.readTree(body).path("access_token").asText();
    }

    private void refused(RequestBuilder request) throws Exception {
        mvc.perform(request)
                .andExpect(status().isUnauthorized())
                .andExpect(header().string("WWW-Authenticate",
                        "Bearer realm=\"ledger\", error=\"invalid_token\""))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(401));
    }
}
