package org.ledger.app.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.ledger.LedgerApplication;
import org.ledger.kernel.MetadataKeys;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/**
 * The production profile {@code jwt} with tokens signed here: an RSA key made by the test stands in for the
 * identity provider, whose public key the test's {@link JwtDecoder} trusts (in production Boot builds that decoder
 * from {@code issuer-uri} or {@code jwk-set-uri}).
 */
@SpringBootTest(classes = {LedgerApplication.class, JwtProfileTest.TrustTheTestKey.class})
@AutoConfigureMockMvc
@ActiveProfiles({"test", "jwt"})
class JwtProfileTest {

    private static final KeyPair IDP_KEY = rsaKey();
    private static final KeyPair STRANGER_KEY = rsaKey();
    private static final Path DATA_DIR = BootstrapAdminTest.newDataDir();

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("ledger.data-dir", DATA_DIR::toString);
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class TrustTheTestKey {
        @Bean
        JwtDecoder jwtDecoder() {
            return NimbusJwtDecoder.withPublicKey((RSAPublicKey) IDP_KEY.getPublic()).build();
        }
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    EventStore eventStore;

    @Test
    void validTokenActsAsItsUserAndUnit() throws Exception {
        String id = "jwt-" + UUID.randomUUID().toString().substring(0, 8);
        String token = token(IDP_KEY, claims("alice", List.of("ADMIN"), "jgw", Instant.now().plusSeconds(300)));

        mvc.perform(post("/api/units").header("Authorization", "Bearer " + token)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"id\":\"" + id + "\",\"name\":\"令牌测试\",\"kind\":\"WORKING_COMMITTEE\"}"))
                .andExpect(status().isCreated());
        mvc.perform(get("/api/units/" + id).header("Authorization", "Bearer " + token))
                .andExpect(status().isOk());

        var metaData = eventStore.readEvents(id).asStream().toList().get(0).getMetaData();
        assertThat(metaData.get(MetadataKeys.USER)).isEqualTo("alice");
        assertThat(metaData.get(MetadataKeys.UNIT)).isEqualTo("jgw");
        assertThat(metaData.get(MetadataKeys.ROLES)).isEqualTo("ADMIN");
    }

    @Test
    void subjectNamesTheUserWhenThereIsNoPreferredUsername() throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().subject("4f1c-sub").claim("roles", List.of("auditor"))
                .expirationTime(Date.from(Instant.now().plusSeconds(300))).build();
        mvc.perform(get("/api/units").header("Authorization", "Bearer " + token(IDP_KEY, claims)))
                .andExpect(status().isOk());
    }

    @Test
    void expiredTokenAnswers401ProblemDetail() throws Exception {
        String token = token(IDP_KEY, claims("alice", List.of("ADMIN"), "jgw", Instant.now().minusSeconds(600)));
        unauthorized(get("/api/units").header("Authorization", "Bearer " + token));
    }

    @Test
    void tokenSignedByAnotherKeyAnswers401ProblemDetail() throws Exception {
        String token = token(STRANGER_KEY, claims("alice", List.of("ADMIN"), "jgw", Instant.now().plusSeconds(300)));
        unauthorized(get("/api/units").header("Authorization", "Bearer " + token));
    }

    @Test
    void garbageTokenAnswers401ProblemDetail() throws Exception {
        unauthorized(get("/api/units").header("Authorization", "Bearer not-a-jwt"));
    }

    @Test
    void basicCredentialsAreNotAcceptedInTheJwtProfile() throws Exception {
        // application-test.yml configures supervisor/supervisor-pw; the jwt profile ignores accounts
        mvc.perform(get("/api/units").with(httpBasic("supervisor", "supervisor-pw")))
                .andExpect(status().isUnauthorized())
                .andExpect(header().string("WWW-Authenticate", org.hamcrest.Matchers.startsWith("Bearer")))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void tokenWithoutRolesMayNotWrite() throws Exception {
        String token = token(IDP_KEY, claims("mallory", List.of("offline_access"), "jgw",
                Instant.now().plusSeconds(300)));
        mvc.perform(post("/api/units").header("Authorization", "Bearer " + token)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"id\":\"jwt-refused\",\"name\":\"不应登记\",\"kind\":\"WORKING_COMMITTEE\"}"))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(403));
        assertThat(eventStore.readEvents("jwt-refused").asStream().toList()).isEmpty();
    }

    private void unauthorized(org.springframework.test.web.servlet.RequestBuilder request) throws Exception {
        MvcResult result = mvc.perform(request)
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(header().string("WWW-Authenticate", "Bearer realm=\"ledger\", error=\"invalid_token\""))
                .andExpect(jsonPath("$.status").value(401))
                .andExpect(jsonPath("$.title").value("Unauthorized"))
                .andReturn();
        assertThat(result.getResponse().getContentAsString()).doesNotContain("Exception").doesNotContain("java.");
    }

    private static JWTClaimsSet claims(String user, List<String> roles, String unit, Instant expires) {
        return new JWTClaimsSet.Builder()
                .issuer("https://idp.example.test/realms/ledger")
                .subject(UUID.randomUUID().toString())
                .claim("preferred_username", user)
                .claim("roles", roles)
                .claim("unit", unit)
                .issueTime(Date.from(expires.minusSeconds(900)))
                .expirationTime(Date.from(expires))
                .build();
    }

    private static String token(KeyPair key, JWTClaimsSet claims) throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("test-key").build(), claims);
        jwt.sign(new RSASSASigner(key.getPrivate()));
        return jwt.serialize();
    }

    private static KeyPair rsaKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
