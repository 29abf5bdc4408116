package org.ledger.app;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Registers the organisation units the test accounts and test data name, idempotently (a unit that exists answers
 * 409 AlreadyExists, which is fine): every command that names a unit needs it registered and active.
 *
 * <pre>
 * jgw (WORKING_COMMITTEE 街工委) ── sqdw (COMMUNITY_COMMITTEE 社区党委) ── branch-1 (BRANCH 党支部)
 * </pre>
 */
public final class TestUnits {

    /** id, name, kind, parent id; parents first. */
    public static final List<List<String>> UNITS = List.of(
            List.of("jgw", "某街道党工委", "WORKING_COMMITTEE", ""),
            List.of("sqdw", "某社区党委", "COMMUNITY_COMMITTEE", "jgw"),
            List.of("branch-1", "第一党支部", "BRANCH", "sqdw"));

    private static final ObjectMapper JSON = new ObjectMapper();

    private TestUnits() {
    }

    /** Over real HTTP, as {@code user} (whose password is the user name, as in {@link HttpClientSupport}). */
    public static void ensure(HttpClientSupport http, String user) {
        for (List<String> unit : UNITS) {
            // a root has no unit above it: only an admin registers one (AccessRule.UnitManagedFromAbove)
            String actor = unit.get(3).isEmpty() ? "admin" : user;
            HttpClientSupport.Answer answer = http.post(actor, "/api/units", body(unit));
            check(unit, answer.status(), answer.raw());
        }
    }

    /** Through MockMvc, as the test account {@code supervisor} of application-test.yml. */
    public static void ensure(MockMvc mvc) {
        try {
            for (List<String> unit : UNITS) {
                boolean root = unit.get(3).isEmpty();
                var response = mvc.perform(post("/api/units")
                                .with(root ? httpBasic("admin", "admin-pw") : httpBasic("supervisor", "supervisor-pw"))
                                .contentType(MediaType.APPLICATION_JSON)
                                .content(JSON.writeValueAsString(body(unit))))
                        .andReturn().getResponse();
                check(unit, response.getStatus(), response.getContentAsString());
            }
        } catch (Exception e) {
            throw new IllegalStateException("could not register the test units", e);
        }
    }

    private static Map<String, Object> body(List<String> unit) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", unit.get(0));
        body.put("name", unit.get(1));
        body.put("kind", unit.get(2));
        if (!unit.get(3).isEmpty()) {
            body.put("parentId", unit.get(3));
        }
        return body;
    }

    private static void check(List<String> unit, int status, String raw) {
        boolean exists = status == 409 && raw != null && raw.contains("AlreadyExists");
        if (status != 201 && !exists) {
            throw new IllegalStateException("registering unit " + unit.get(0) + " answered " + status + ": " + raw);
        }
    }
}
