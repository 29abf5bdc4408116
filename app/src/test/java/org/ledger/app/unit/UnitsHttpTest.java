package org.ledger.app.unit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ledger.app.AppTestSupport;
import org.ledger.app.TestUnits;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Organisation units over HTTP: the tree is registered, renamed, moved and pruned under its rules; commands that
 * name an unknown or dissolved unit are refused and change nothing; the ledgers' unit filter takes the subtree.
 *
 * <pre>
 * jgw ── sq ─┬─ b1 ── g1
 *            └─ b2
 * </pre>
 */
class UnitsHttpTest extends AppTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    MockMvc mvc;

    /** Fresh ids for this test: the application context and its database are shared by the suite. */
    private final String s = UUID.randomUUID().toString().substring(0, 8);
    private final String sq = "sq-" + s;
    private final String b1 = "b1-" + s;
    private final String b2 = "b2-" + s;
    private final String g1 = "g1-" + s;

    @BeforeEach
    void registerTheTree() throws Exception {
        TestUnits.ensure(mvc);
        MockHttpServletResponse created = send(post("/api/units"), unit(sq, "某社区党委", "COMMUNITY_COMMITTEE", "jgw"));
        assertThat(created.getStatus()).isEqualTo(201);
        assertThat(created.getHeader("Location")).endsWith("/api/units/" + sq);
        assertThat(created.getHeader("ETag")).isEqualTo("\"0\"");
        assertThat(send(post("/api/units"), unit(b1, "第一党支部", "BRANCH", sq)).getStatus()).isEqualTo(201);
        assertThat(send(post("/api/units"), unit(b2, "第二党支部", "BRANCH", sq)).getStatus()).isEqualTo(201);
        assertThat(send(post("/api/units"), unit(g1, "第一党小组", "GROUP", b1)).getStatus()).isEqualTo(201);
    }

    @Test
    void theTreeIsShapedByItsRules() throws Exception {
        // a group directly under a community committee does not fit
        assertRule(send(post("/api/units"), unit("g-" + s, "党小组", "GROUP", sq)), "KindFitsParent");
        // nor does any unit but a working committee fit at the root
        assertRule(send(post("/api/units"), "{\"name\":\"支部\",\"kind\":\"BRANCH\"}"), "KindFitsParent");
        // a parent must be registered
        assertRule(send(post("/api/units"), unit("x-" + s, "支部", "BRANCH", "nowhere-" + s)), "UnitMustBeActive");
        // the same id twice
        assertRule(send(post("/api/units"), unit(b1, "重复", "BRANCH", sq)), "AlreadyExists");

        // rename, guarded by If-Match
        MockHttpServletResponse renamed = send(put("/api/units/" + b2 + "/name").header("If-Match", "\"0\""),
                "{\"name\":\"第二党支部（机关）\"}");
        assertThat(renamed.getStatus()).isEqualTo(200);
        assertThat(renamed.getHeader("ETag")).isEqualTo("\"1\"");
        assertRule(send(put("/api/units/" + b2 + "/name"), "{\"name\":\"第二党支部（机关）\"}"), "RenameMustChangeName");
        assertThat(send(put("/api/units/" + b2 + "/name").header("If-Match", "\"0\""), "{\"name\":\"又一个\"}")
                .getStatus()).isEqualTo(412);

        // move g1 from b1 to b2; b2 cannot then go under its own child g1
        assertThat(send(put("/api/units/" + g1 + "/parent"), "{\"parentId\":\"" + b2 + "\"}").getStatus())
                .isEqualTo(200);
        assertRule(send(put("/api/units/" + b2 + "/parent"), "{\"parentId\":\"" + g1 + "\"}"), "NoCycles");
        assertRule(send(put("/api/units/" + sq + "/parent"), "{\"parentId\":\"" + sq + "\"}"), "NoCycles");
        assertRule(send(put("/api/units/" + g1 + "/parent"), "{\"parentId\":\"" + b2 + "\"}"), "MoveMustChangeParent");

        // b2 has an active child: it cannot be dissolved; once g1 is back under b1 it can
        assertRule(send(post("/api/units/" + b2 + "/dissolution"), "{\"reason\":\"合并\"}"),
                "DissolveOnlyWithoutActiveChildren");
        assertThat(send(put("/api/units/" + g1 + "/parent"), "{\"parentId\":\"" + b1 + "\"}").getStatus())
                .isEqualTo(200);
        assertThat(send(post("/api/units/" + b2 + "/dissolution"), "{\"reason\":\"党支部合并\"}").getStatus())
                .isEqualTo(200);
        assertRule(send(put("/api/units/" + b2 + "/name"), "{\"name\":\"复活\"}"), "DissolvedUnitIsClosed");
        // nothing may be registered under or moved under a dissolved unit
        assertRule(send(post("/api/units"), unit("g2-" + s, "党小组", "GROUP", b2)), "UnitMustBeActive");
        assertRule(send(put("/api/units/" + g1 + "/parent"), "{\"parentId\":\"" + b2 + "\"}"), "UnitMustBeActive");

        // an unknown unit is not found; a malformed body is a 400
        assertThat(send(put("/api/units/nope-" + s + "/name"), "{\"name\":\"x\"}").getStatus()).isEqualTo(404);
        assertThat(send(post("/api/units"), "{\"name\":\"\",\"kind\":\"BRANCH\"}").getStatus()).isEqualTo(400);

        // one unit with its ancestors and version
        MockHttpServletResponse one = read(get("/api/units/" + g1));
        assertThat(one.getStatus()).isEqualTo(200);
        assertThat(one.getHeader("ETag")).isEqualTo("\"2\"");
        JsonNode g1Node = JSON.readTree(one.getContentAsString());
        assertThat(g1Node.get("parentId").asText()).isEqualTo(b1);
        assertThat(texts(g1Node.get("ancestorIds"))).containsExactly(b1, sq, "jgw");
        assertThat(g1Node.get("kind").asText()).isEqualTo("GROUP");
        assertThat(read(get("/api/units/nope-" + s)).getStatus()).isEqualTo(404);

        // the tree: b2 is left out unless asked for
        JsonNode sqNode = find(JSON.readTree(read(get("/api/units")).getContentAsString()), sq);
        assertThat(sqNode).isNotNull();
        assertThat(ids(sqNode.get("children"))).containsExactly(b1);
        assertThat(ids(find(sqNode, b1).get("children"))).containsExactly(g1);
        JsonNode all = JSON.readTree(read(get("/api/units").param("includeDissolved", "true")).getContentAsString());
        JsonNode dissolved = find(all, b2);
        assertThat(dissolved.get("status").asText()).isEqualTo("DISSOLVED");
        assertThat(dissolved.get("name").asText()).isEqualTo("第二党支部（机关）");
        assertThat(read(get("/api/units/" + b2)).getContentAsString()).contains("党支部合并");
    }

    @Test
    void commandsNamingAnUnknownOrDissolvedUnitAreRefusedAndChangeNothing() throws Exception {
        assertThat(send(post("/api/units/" + b2 + "/dissolution"), "{\"reason\":\"撤销\"}").getStatus())
                .isEqualTo(200);
        String unknownIssue = "issue-unknown-unit-" + s;
        assertRule(send(post("/api/issues"), issue(unknownIssue, "nowhere-" + s)), "UnitMustBeActive");
        assertThat(read(get("/api/ledgers/issues/" + unknownIssue)).getStatus()).isEqualTo(404);
        String dissolvedIssue = "issue-dissolved-unit-" + s;
        MockHttpServletResponse refused = send(post("/api/issues"), issue(dissolvedIssue, b2));
        assertRule(refused, "UnitMustBeActive");
        assertThat(refused.getContentAsString()).contains(b2 + " is dissolved");
        assertThat(read(get("/api/ledgers/issues/" + dissolvedIssue)).getStatus()).isEqualTo(404);

        // a rectification item owned by a dissolved unit is refused too
        String issueId = "issue-ok-" + s;
        assertThat(send(post("/api/issues"), issue(issueId, b1)).getStatus()).isEqualTo(201);
        assertThat(send(post("/api/issues/" + issueId + "/acknowledgement"), "{}").getStatus()).isEqualTo(200);
        assertRule(send(post("/api/issues/" + issueId + "/rectifications"), item("rect-x-" + s, b2)),
                "UnitMustBeActive");
        assertThat(read(get("/api/ledgers/issues/" + issueId)).getHeader("ETag")).isEqualTo("\"1\"");
    }

    @Test
    void theLedgersUnitFilterIncludesTheSubtree() throws Exception {
        String onB1 = "issue-b1-" + s;
        String onG1 = "issue-g1-" + s;
        String onB2 = "issue-b2-" + s;
        assertThat(send(post("/api/issues"), issue(onB1, b1)).getStatus()).isEqualTo(201);
        assertThat(send(post("/api/issues"), issue(onG1, g1)).getStatus()).isEqualTo(201);
        assertThat(send(post("/api/issues"), issue(onB2, b2)).getStatus()).isEqualTo(201);
        assertThat(send(post("/api/issues/" + onG1 + "/acknowledgement"), "{}").getStatus()).isEqualTo(200);
        assertThat(send(post("/api/issues/" + onG1 + "/rectifications"), item("rect-g1-" + s, g1)).getStatus())
                .isEqualTo(201);

        assertThat(issueIds(sq)).containsExactlyInAnyOrder(onB1, onG1, onB2);
        assertThat(issueIds(b1)).containsExactlyInAnyOrder(onB1, onG1);
        assertThat(issueIds(g1)).containsExactly(onG1);
        assertThat(ledgerIds("/api/ledgers/rectifications", sq)).containsExactly("rect-g1-" + s);
        assertThat(ledgerIds("/api/ledgers/rectifications", b1)).containsExactly("rect-g1-" + s);
        assertThat(ledgerIds("/api/ledgers/rectifications", b2)).isEmpty();

        // after g1 moves to b2, b2's subtree holds g1's rows
        assertThat(send(put("/api/units/" + g1 + "/parent"), "{\"parentId\":\"" + b2 + "\"}").getStatus())
                .isEqualTo(200);
        assertThat(issueIds(b2)).containsExactlyInAnyOrder(onB2, onG1);
        assertThat(issueIds(b1)).containsExactly(onB1);
    }

    // ---------------------------------------------------------------------------------------------------------

    private MockHttpServletResponse send(MockHttpServletRequestBuilder request, String body) throws Exception {
        return mvc.perform(request.with(httpBasic("admin", "admin-pw"))
                .contentType(MediaType.APPLICATION_JSON).content(body)).andReturn().getResponse();
    }

    private MockHttpServletResponse read(MockHttpServletRequestBuilder request) throws Exception {
        MockHttpServletResponse response = mvc.perform(request.with(httpBasic("admin", "admin-pw")))
                .andReturn().getResponse();
        response.setCharacterEncoding("UTF-8");
        return response;
    }

    private static void assertRule(MockHttpServletResponse response, String rule) throws Exception {
        response.setCharacterEncoding("UTF-8");
        assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(409);
        assertThat(JSON.readTree(response.getContentAsString()).get("rule").asText()).isEqualTo(rule);
    }

    private static String unit(String id, String name, String kind, String parent) {
        return """
                {"id":"%s","name":"%s","kind":"%s","parentId":"%s"}""".formatted(id, name, kind, parent);
    }

    private static String issue(String id, String unit) {
        return """
                {"id":"%s","title":"组织生活不规范","description":"记录缺少签名","source":"INSPECTION",
                 "responsibleUnitId":"%s","raisedByUnitId":"jgw","foundOn":"%s"}"""
                .formatted(id, unit, LocalDate.now().minusDays(1));
    }

    private static String item(String id, String owner) {
        return """
                {"id":"%s","measure":"补齐签名","type":"IMMEDIATE","ownerUnitId":"%s","ownerName":"王敏",
                 "deadline":"%s"}""".formatted(id, owner, LocalDate.now().plusDays(30));
    }

    private List<String> issueIds(String unit) throws Exception {
        return ledgerIds("/api/ledgers/issues", unit);
    }

    private List<String> ledgerIds(String path, String unit) throws Exception {
        MockHttpServletResponse page = read(get(path).param("unitId", unit).param("size", "200"));
        assertThat(page.getStatus()).isEqualTo(200);
        return ids(JSON.readTree(page.getContentAsString()).get("content"));
    }

    private static List<String> ids(JsonNode array) {
        List<String> ids = new ArrayList<>();
        array.forEach(node -> ids.add(node.get("id").asText()));
        return ids;
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }

    /** The node with {@code id} anywhere in a forest (an array) or below a node. */
    private static JsonNode find(JsonNode forestOrNode, String id) {
        JsonNode children = forestOrNode.isArray() ? forestOrNode : forestOrNode.get("children");
        for (JsonNode node : children) {
            if (node.get("id").asText().equals(id)) {
                return node;
            }
            JsonNode below = find(node, id);
            if (below != null) {
                return below;
            }
        }
        return null;
    }
}
