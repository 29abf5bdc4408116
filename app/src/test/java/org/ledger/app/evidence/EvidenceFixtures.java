package org.ledger.app.evidence;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

/** An issue with one rectification item in progress, written through the API, for the evidence and export tests. */
public final class EvidenceFixtures {

    public static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();
    public static final LocalDate TODAY = LocalDate.now(ZoneId.of("Asia/Shanghai"));

    private final MockMvc mvc;

    public EvidenceFixtures(MockMvc mvc) {
        this.mvc = mvc;
    }

    /** Units (tolerating that they exist), an issue with this title, acknowledged, and an approved item. */
    public void itemInProgress(String issueId, String itemId, String title) throws Exception {
        send("admin", "/api/units", Map.of("id", "jgw", "name", "机关工委", "kind", "WORKING_COMMITTEE"));
        send("supervisor", "/api/units",
                Map.of("id", "sqdw", "name", "社区党委", "kind", "COMMUNITY_COMMITTEE", "parentId", "jgw"));
        send("supervisor", "/api/units",
                Map.of("id", "branch-1", "name", "第一党支部", "kind", "BRANCH", "parentId", "sqdw"));
        expect(201, send("supervisor", "/api/issues", Map.of("id", issueId, "title", title,
                "description", title, "source", "INSPECTION", "responsibleUnitId", "branch-1",
                "raisedByUnitId", "jgw", "foundOn", TODAY.minusDays(3).toString())));
        expect(200, send("lead", "/api/issues/" + issueId + "/acknowledgement", Map.of()));
        expect(201, send("lead", "/api/issues/" + issueId + "/rectifications", Map.of("id", itemId,
                "measure", "建立流动党员微信群, 每月推送\n学习资料", "type", "WITHIN_DEADLINE", "ownerUnitId", "branch-1",
                "ownerName", "张明", "deadline", TODAY.plusDays(30).toString())));
        expect(200, send("supervisor", "/api/rectifications/" + itemId + "/plan-approval", Map.of()));
    }

    public MockHttpServletResponse send(String user, String path, Object body) throws Exception {
        return mvc.perform(post(path).with(httpBasic(user, user + "-pw"))
                        .contentType(MediaType.APPLICATION_JSON).content(JSON.writeValueAsString(body)))
                .andReturn().getResponse();
    }

    private static void expect(int status, MockHttpServletResponse response) throws Exception {
        if (response.getStatus() != status) {
            throw new AssertionError("expected " + status + " but got " + response.getStatus() + ": "
                    + response.getContentAsString());
        }
    }
}
