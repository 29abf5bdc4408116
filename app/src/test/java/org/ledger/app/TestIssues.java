package org.ledger.app;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/** Registers an issue the way a supervisor does, for tests that need one in the store and the ledgers. */
public final class TestIssues {

    /** The title every issue registered here has. */
    public static final String TITLE = "台账更新不及时";

    private TestIssues() {
    }

    /** Registers issue {@code id} of branch-1, raised by jgw ({@link TestUnits#ensure} must have run). */
    public static void register(MockMvc mvc, String id) throws Exception {
        String body = """
                {"id":"%s","title":"%s","description":"整改台账未按月更新。","source":"INSPECTION",
                 "responsibleUnitId":"branch-1","raisedByUnitId":"jgw","foundOn":"2025-06-30"}""".formatted(id, TITLE);
        mvc.perform(post("/api/issues").with(httpBasic("supervisor", "supervisor-pw"))
                        .contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isCreated());
    }
}
