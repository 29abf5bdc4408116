package org.ledger.app.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.ledger.app.AppTestSupport;
import org.ledger.app.HttpClientSupport;
import org.ledger.app.TestUnits;
import org.ledger.app.security.LedgerUser;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The permission matrix of issue 5 (DESIGN.md §6): every endpoint under {@code /api} × every role × an account
 * inside and an account outside the scope of the fixture rows, with the exact status each must answer.
 *
 * <p>The endpoints come from Spring MVC's handler mappings, not from a list kept by hand: an endpoint that has no
 * rule in {@link #rules()} fails {@link #everyEndpointHasARule()}, so a new endpoint cannot ship without one.
 *
 * <p>Fixture: units jgw → sqdw → branch-1 (→ a group) and jgw → sqdw-2 → branch-2. The rows (an issue with an
 * approved item that has evidence, a second item still planned, a dismissed issue, an archived agreement with an
 * item and a task, a completed look-back over branch-1) are raised by sqdw for branch-1. "In scope" accounts sit
 * in sqdw / branch-1 (ADMIN and AUDITOR in jgw), "out of scope" accounts in sqdw-2 / branch-2.
 *
 * <p>Writes: a refused command answers 403 and stores no event. An allowed command meets a target on which it is
 * harmless: either it is repeatable (evidence upload, progress, creates with fresh ids → 2xx) or the target's state
 * makes a business rule refuse it after the access check passed (dismissed issue, archived agreement, completed
 * look-back, item past approval → 409). Access rules are checked before business rules by every handler, so 409
 * proves "allowed" and 403 proves "refused". The commands' successful paths are proven by the lifecycle tests.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PermissionMatrixTest extends AppTestSupport {

    enum Role { ADMIN, SUPERVISOR, UNIT_LEAD, AUDITOR, VIEWER }

    record Account(Role role, boolean inScope, String unit) {

        LedgerUser principal() {
            String name = "pm-" + role.name().toLowerCase() + (inScope ? "-in" : "-out");
            return new LedgerUser(name, "n/a", List.of(new SimpleGrantedAuthority("ROLE_" + role.name())), unit);
        }

        boolean readsEverything() {
            return role == Role.ADMIN || role == Role.AUDITOR;
        }

        /** Whether the fixture rows (of sqdw / branch-1) are in this account's read scope. */
        boolean seesFixture() {
            return readsEverything() || inScope;
        }

        @Override
        public String toString() {
            return role + (inScope ? "(in scope, " : "(out of scope, ") + unit + ")";
        }
    }

    static final List<Account> ACCOUNTS = List.of(
            new Account(Role.ADMIN, true, "jgw"), new Account(Role.ADMIN, false, "sqdw-2"),
            new Account(Role.SUPERVISOR, true, "sqdw"), new Account(Role.SUPERVISOR, false, "sqdw-2"),
            new Account(Role.UNIT_LEAD, true, "branch-1"), new Account(Role.UNIT_LEAD, false, "branch-2"),
            new Account(Role.AUDITOR, true, "jgw"), new Account(Role.AUDITOR, false, "sqdw-2"),
            new Account(Role.VIEWER, true, "sqdw"), new Account(Role.VIEWER, false, "sqdw-2"));

    static final Account ADMIN = ACCOUNTS.get(0);
    static final Account SUPERVISOR = ACCOUNTS.get(2);
    static final Account LEAD = ACCOUNTS.get(4);

    private static final ObjectMapper JSON = new ObjectMapper();

    static final Predicate<Account> ADMIN_ONLY = a -> a.role() == Role.ADMIN;
    static final Predicate<Account> SUPERVISOR_IN = a -> a.role() == Role.ADMIN
            || (a.role() == Role.SUPERVISOR && a.inScope());
    static final Predicate<Account> LEAD_IN = a -> a.role() == Role.ADMIN
            || (a.role() == Role.UNIT_LEAD && a.inScope());

    /** What one endpoint must answer to one account; {@code shows}: whether the body names the fixture row. */
    record Rule(Function<Account, MockHttpServletRequestBuilder> request, Function<Account, Integer> status,
                Predicate<Account> shows, boolean write) {
    }

    @Autowired
    MockMvc mvc;
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;
    @Autowired
    JdbcTemplate jdbc;

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String issue = "pm-" + run + "-issue";
    private final String dismissed = "pm-" + run + "-dismissed";
    private final String item = "pm-" + run + "-item";
    private final String planned = "pm-" + run + "-planned";
    private final String agreement = "pm-" + run + "-agreement";
    private final String lookBack = "pm-" + run + "-lookback";
    private final String group = "pm-" + run + "-group";
    private final String title = "权限矩阵问题" + run;
    private String evidence;
    private int fresh;

    @BeforeAll
    void fixture() throws Exception {
        TestUnits.ensure(mvc);
        ensureUnit("sqdw-2", "第二社区党委", "COMMUNITY_COMMITTEE", "jgw");
        ensureUnit("branch-2", "第二党支部", "BRANCH", "sqdw-2");
        LocalDate today = LocalDate.now();
        expect(201, SUPERVISOR, post("/api/units"), Map.of("id", group, "name", "第一党小组" + run, "kind", "GROUP",
                "parentId", "branch-1"));

        expect(201, SUPERVISOR, post("/api/issues"), issueBody(issue, title));
        expect(200, LEAD, post("/api/issues/" + issue + "/acknowledgement"), Map.of());
        expect(201, LEAD, post("/api/issues/" + issue + "/rectifications"), planBody(item));
        expect(201, LEAD, post("/api/issues/" + issue + "/rectifications"), planBody(planned));
        expect(200, SUPERVISOR, post("/api/rectifications/" + item + "/plan-approval"), Map.of());
        evidence = JSON.readTree(perform(LEAD, multipart("/api/rectifications/" + item + "/evidence")
                .file(new MockMultipartFile("file", "evidence.png", "image/png", HttpClientSupport.png())), null)
                .getContentAsString()).get("id").asText();

        expect(201, SUPERVISOR, post("/api/issues"), issueBody(dismissed, "权限矩阵撤销" + run));
        expect(200, SUPERVISOR, post("/api/issues/" + dismissed + "/dismissal"), Map.of("reason", "重复登记"));

        expect(201, SUPERVISOR, post("/api/agreements"), Map.of("id", agreement, "title", "权限矩阵责任书" + run,
                "periodStart", today.minusMonths(6).toString(), "periodEnd", today.plusMonths(6).toString(),
                "issuerUnitId", "sqdw", "responsibleUnitId", "branch-1"));
        String commands = "/api/agreements/" + agreement;
        expect(201, SUPERVISOR, post(commands + "/items"), Map.of("id", "item-1", "category", "组织建设",
                "content", "落实三会一课", "weight", 100));
        expect(201, SUPERVISOR, post(commands + "/items/item-1/tasks"), Map.of("id", "task-1",
                "description", "开展主题党日", "assigneeUnitId", "branch-1", "assigneeName", "张明",
                "dueDate", today.plusDays(30).toString()));
        expect(200, LEAD, post(commands + "/signatures"), Map.of("party", "RESPONSIBLE", "signerName", "张明",
                "signedOn", today.toString()));
        expect(200, SUPERVISOR, post(commands + "/signatures"), Map.of("party", "ISSUER", "signerName", "李华",
                "signedOn", today.toString()));
        expect(200, SUPERVISOR, post(commands + "/assessment"), Map.of("scores",
                List.of(Map.of("itemId", "item-1", "score", 90, "comment", "好")), "grade", "EXCELLENT"));
        expect(200, SUPERVISOR, post(commands + "/archival"), Map.of("reason", "年度考评完成"));

        expect(201, SUPERVISOR, post("/api/look-backs"), lookBackBody(lookBack));
        expect(200, SUPERVISOR, post("/api/look-backs/" + lookBack + "/sample"), Map.of());
        expect(200, SUPERVISOR, post("/api/look-backs/" + lookBack + "/completion"), Map.of("summary", "无问题"));
    }

    /** "METHOD /pattern" → rule. Every endpoint under /api needs one. */
    Map<String, Rule> rules() {
        Map<String, Rule> rules = new LinkedHashMap<>();
        // ---- reads: ledgers, single rows, exports ----
        list(rules, "/api/ledgers/issues", "/api/ledgers/issues?size=200&q=" + run);
        row(rules, "/api/ledgers/issues/{id}", "/api/ledgers/issues/" + issue);
        list(rules, "/api/ledgers/rectifications", "/api/ledgers/rectifications?size=200&issueId=" + issue);
        row(rules, "/api/ledgers/rectifications/{id}", "/api/ledgers/rectifications/" + item);
        list(rules, "/api/ledgers/responsibilities", "/api/ledgers/responsibilities?size=200&agreementId=" + agreement);
        row(rules, "/api/ledgers/responsibilities/{agreementId}", "/api/ledgers/responsibilities/" + agreement);
        list(rules, "/api/ledgers/tasks", "/api/ledgers/tasks?size=200&agreementId=" + agreement);
        row(rules, "/api/ledgers/tasks/{taskId}", "/api/ledgers/tasks/task-1?agreementId=" + agreement);
        list(rules, "/api/ledgers/issues/export", "/api/ledgers/issues/export?format=csv&q=" + run);
        list(rules, "/api/ledgers/rectifications/export", "/api/ledgers/rectifications/export?format=csv&issueId="
                + issue);
        list(rules, "/api/ledgers/responsibilities/export", "/api/ledgers/responsibilities/export?format=csv"
                + "&agreementId=" + agreement);
        list(rules, "/api/ledgers/tasks/export", "/api/ledgers/tasks/export?format=csv&agreementId=" + agreement);
        rules.put("GET /api/ledgers/{ledger}/export", new Rule(a -> get("/api/ledgers/nothing/export"), a -> 404,
                null, false));
        // ---- statistics, units, look-backs, history, audit, evidence ----
        row(rules, "/api/statistics/rectification", "/api/statistics/rectification?unitId=branch-1");
        list(rules, "/api/units", "/api/units");
        row(rules, "/api/units/{id}", "/api/units/" + group);
        list(rules, "/api/look-backs", "/api/look-backs?size=100");
        row(rules, "/api/look-backs/{id}", "/api/look-backs/" + lookBack);
        row(rules, "/api/{kind}/{id}/history", "/api/issues/" + issue + "/history");
        list(rules, "/api/audit/events", "/api/audit/events?size=200&aggregateId=" + issue);
        rules.put("GET /api/audit/integrity", new Rule(a -> get("/api/audit/integrity"),
                a -> a.readsEverything() ? 200 : 403, null, false));
        rules.put("GET /api/rectifications/{id}/evidence/{evidenceId}", new Rule(
                a -> get("/api/rectifications/" + item + "/evidence/" + evidence),
                a -> a.seesFixture() ? 200 : 404, null, false));
        rules.put("GET /api/admin/projections", new Rule(a -> get("/api/admin/projections"),
                a -> a.readsEverything() ? 200 : 403, null, false));
        rules.put("POST /api/admin/projections/{name}/rebuild", new Rule(
                a -> post("/api/admin/projections/no-such-projection/rebuild"),
                a -> a.role() == Role.ADMIN ? 404 : 403, null, true));
        // ---- signing in: every account may exchange its password for a token (nothing is stored) ----
        rules.put("POST /api/auth/token", new Rule(a -> post("/api/auth/token"), a -> 200, null, false));

        // ---- writes: issues ----
        write(rules, "POST /api/issues", SUPERVISOR_IN, 201, a -> json(post("/api/issues"),
                issueBody("pm-" + run + "-new-" + (++fresh), "权限矩阵新问题" + run)));
        write(rules, "POST /api/issues/{id}/acknowledgement", LEAD_IN, 409,
                a -> json(post("/api/issues/" + dismissed + "/acknowledgement"), Map.of()));
        write(rules, "PUT /api/issues/{id}/root-cause", LEAD_IN, 409,
                a -> json(put("/api/issues/" + dismissed + "/root-cause"), Map.of("analysis", "制度执行不到位")));
        write(rules, "POST /api/issues/{id}/dismissal", SUPERVISOR_IN, 409,
                a -> json(post("/api/issues/" + dismissed + "/dismissal"), Map.of("reason", "重复登记")));
        write(rules, "POST /api/issues/{id}/rectifications", LEAD_IN, 409,
                a -> json(post("/api/issues/" + dismissed + "/rectifications"),
                        planBody("pm-" + run + "-plan-" + (++fresh))));
        // ---- writes: rectification items ----
        String items = "/api/rectifications/";
        write(rules, "PUT /api/rectifications/{id}/plan", LEAD_IN, 409, a -> json(put(items + item + "/plan"),
                revisedPlan()));
        write(rules, "POST /api/rectifications/{id}/plan-approval", SUPERVISOR_IN, 409,
                a -> json(post(items + item + "/plan-approval"), Map.of()));
        write(rules, "POST /api/rectifications/{id}/plan-return", SUPERVISOR_IN, 409,
                a -> json(post(items + item + "/plan-return"), Map.of("reason", "请细化")));
        write(rules, "POST /api/rectifications/{id}/progress-reports", LEAD_IN, 200,
                a -> json(post(items + item + "/progress-reports"), Map.of("percent", 50, "note", "推进中")));
        write(rules, "POST /api/rectifications/{id}/evidence", LEAD_IN, 201,
                a -> multipart(items + item + "/evidence").file(new MockMultipartFile("file", "more.png",
                        "image/png", HttpClientSupport.png())));
        write(rules, "POST /api/rectifications/{id}/extension-requests", LEAD_IN, 409,
                a -> json(post(items + planned + "/extension-requests"), Map.of("reason", "需要更多时间",
                        "proposedDeadline", LocalDate.now().plusMonths(3).toString())));
        write(rules, "POST /api/rectifications/{id}/extension-requests/{requestId}/approval", SUPERVISOR_IN, 409,
                a -> json(post(items + item + "/extension-requests/no-such-request/approval"), Map.of()));
        write(rules, "POST /api/rectifications/{id}/extension-requests/{requestId}/rejection", SUPERVISOR_IN, 409,
                a -> json(post(items + item + "/extension-requests/no-such-request/rejection"),
                        Map.of("reason", "可以按期完成")));
        write(rules, "POST /api/rectifications/{id}/closure-request", LEAD_IN, 409,
                a -> json(post(items + planned + "/closure-request"), Map.of("statement", "已完成",
                        "evidenceIds", List.of(evidence))));
        write(rules, "POST /api/rectifications/{id}/verification", SUPERVISOR_IN, 409,
                a -> json(post(items + item + "/verification"), Map.of("outcome", "CLOSED", "comment", "同意")));
        write(rules, "POST /api/rectifications/{id}/reopening", SUPERVISOR_IN, 409,
                a -> json(post(items + item + "/reopening"), Map.of("reason", "反弹",
                        "newDeadline", LocalDate.now().plusMonths(2).toString())));
        // ---- writes: look-backs ----
        write(rules, "POST /api/look-backs", SUPERVISOR_IN, 201,
                a -> json(post("/api/look-backs"), lookBackBody("pm-" + run + "-lb-" + (++fresh))));
        write(rules, "POST /api/look-backs/{id}/sample", SUPERVISOR_IN, 409,
                a -> json(post("/api/look-backs/" + lookBack + "/sample"), Map.of()));
        write(rules, "POST /api/look-backs/{id}/checks", SUPERVISOR_IN, 409,
                a -> json(post("/api/look-backs/" + lookBack + "/checks"), Map.of("rectificationId", item,
                        "outcome", "CONFIRMED", "finding", "未反弹")));
        write(rules, "POST /api/look-backs/{id}/completion", SUPERVISOR_IN, 409,
                a -> json(post("/api/look-backs/" + lookBack + "/completion"), Map.of("summary", "无问题")));
        // ---- writes: units (ADMIN in scope sits in jgw, above branch-1; the out-of-scope one in sqdw-2) ----
        write(rules, "POST /api/units", SUPERVISOR_IN, 201, a -> json(post("/api/units"), Map.of(
                "id", "pm-" + run + "-g" + (++fresh), "name", "小组" + run + "-" + fresh, "kind", "GROUP",
                "parentId", "branch-1")));
        write(rules, "PUT /api/units/{id}/name", SUPERVISOR_IN, 409,
                a -> json(put("/api/units/branch-1/name"), Map.of("name", "第一党支部")));
        write(rules, "PUT /api/units/{id}/parent", SUPERVISOR_IN, 409,
                a -> json(put("/api/units/branch-1/parent"), Map.of("parentId", "sqdw")));
        write(rules, "POST /api/units/{id}/dissolution", SUPERVISOR_IN, 409,
                a -> json(post("/api/units/branch-1/dissolution"), Map.of("reason", "合并")));
        // ---- writes: agreements (the fixture agreement is archived) ----
        String agreements = "/api/agreements/" + agreement;
        LocalDate today = LocalDate.now();
        write(rules, "POST /api/agreements", SUPERVISOR_IN, 201, a -> json(post("/api/agreements"), Map.of(
                "id", "pm-" + run + "-ag-" + (++fresh), "title", "责任书" + run, "periodStart",
                today.minusMonths(1).toString(), "periodEnd", today.plusMonths(11).toString(),
                "issuerUnitId", "sqdw", "responsibleUnitId", "branch-1")));
        write(rules, "POST /api/agreements/{id}/items", SUPERVISOR_IN, 409, a -> json(post(agreements + "/items"),
                Map.of("id", "item-x", "category", "组织建设", "content", "新增", "weight", 10, "reason", "调整")));
        write(rules, "PUT /api/agreements/{id}/items/{itemId}", SUPERVISOR_IN, 409,
                a -> json(put(agreements + "/items/item-1"), Map.of("category", "组织建设", "content", "修改",
                        "weight", 100, "reason", "调整")));
        write(rules, "DELETE /api/agreements/{id}/items/{itemId}", SUPERVISOR_IN, 409,
                a -> json(delete(agreements + "/items/item-1"), Map.of("reason", "调整")));
        write(rules, "POST /api/agreements/{id}/items/{itemId}/tasks", SUPERVISOR_IN, 409,
                a -> json(post(agreements + "/items/item-1/tasks"), Map.of("id", "task-x", "description", "新任务",
                        "assigneeUnitId", "branch-1", "assigneeName", "张明", "dueDate",
                        today.plusDays(10).toString(), "reason", "调整")));
        write(rules, "PUT /api/agreements/{id}/tasks/{taskId}", SUPERVISOR_IN, 409,
                a -> json(put(agreements + "/tasks/task-1"), Map.of("description", "改任务",
                        "assigneeUnitId", "branch-1", "assigneeName", "张明", "dueDate",
                        today.plusDays(10).toString(), "reason", "调整")));
        write(rules, "DELETE /api/agreements/{id}/tasks/{taskId}", SUPERVISOR_IN, 409,
                a -> json(delete(agreements + "/tasks/task-1"), Map.of("reason", "调整")));
        write(rules, "POST /api/agreements/{id}/signatures", SUPERVISOR_IN, 409,
                a -> json(post(agreements + "/signatures"), Map.of("party", "ISSUER", "signerName", "李华",
                        "signedOn", today.toString())));
        write(rules, "POST /api/agreements/{id}/tasks/{taskId}/progress-reports", LEAD_IN, 409,
                a -> json(post(agreements + "/tasks/task-1/progress-reports"), Map.of("percent", 60, "note", "推进")));
        write(rules, "POST /api/agreements/{id}/assessment", SUPERVISOR_IN, 409,
                a -> json(post(agreements + "/assessment"), Map.of("scores",
                        List.of(Map.of("itemId", "item-1", "score", 80, "comment", "好")), "grade", "GOOD",
                        "reason", "复核")));
        write(rules, "POST /api/agreements/{id}/archival", SUPERVISOR_IN, 409,
                a -> json(post(agreements + "/archival"), Map.of("reason", "再次归档")));
        return rules;
    }

    @Test
    void everyEndpointHasARule() {
        Set<String> missing = new TreeSet<>(endpoints());
        missing.removeAll(rules().keySet());
        assertThat(missing).as("endpoints without a rule in the permission matrix").isEmpty();
        Set<String> stale = new TreeSet<>(rules().keySet());
        stale.removeAll(endpoints());
        assertThat(stale).as("rules for endpoints that no longer exist").isEmpty();
    }

    @Test
    void everyEndpointAnswersEveryRoleInAndOutOfScopeAsTheTableSays() throws Exception {
        List<String> wrong = new ArrayList<>();
        for (Map.Entry<String, Rule> entry : rules().entrySet()) {
            Rule rule = entry.getValue();
            for (Account account : ACCOUNTS) {
                long eventsBefore = events();
                MockHttpServletResponse response = perform(account, rule.request().apply(account), null);
                int expected = rule.status().apply(account);
                String cell = entry.getKey() + " as " + account;
                if (response.getStatus() != expected) {
                    wrong.add(cell + ": expected " + expected + ", got " + response.getStatus() + " "
                            + abbreviate(response.getContentAsString()));
                    continue;
                }
                if (expected == 403 && events() != eventsBefore) {
                    wrong.add(cell + ": refused, yet " + (events() - eventsBefore) + " event(s) were stored");
                }
                if (rule.write() && expected == 409 && events() != eventsBefore) {
                    wrong.add(cell + ": 409, yet " + (events() - eventsBefore) + " event(s) were stored");
                }
                if (rule.shows() != null) {
                    boolean shows = response.getContentAsString().contains(run);
                    if (shows != rule.shows().test(account)) {
                        wrong.add(cell + (shows ? ": shows the fixture row outside its scope"
                                : ": does not show the fixture row in its scope"));
                    }
                }
            }
        }
        assertThat(wrong).as("cells of the permission matrix that answer otherwise").isEmpty();
    }

    /** The matrix reads the history of an issue; every other kind follows the visibility of its own row. */
    @Test
    void historyOfEveryKindIsVisibleExactlyWhereItsRowIs() throws Exception {
        Map<String, String> paths = Map.of("issues", issue, "rectifications", item, "units", group,
                "agreements", agreement, "look-backs", lookBack);
        List<String> wrong = new ArrayList<>();
        for (Map.Entry<String, String> path : paths.entrySet()) {
            for (Account account : ACCOUNTS) {
                int status = perform(account, get("/api/" + path.getKey() + "/" + path.getValue() + "/history"),
                        null).getStatus();
                int expected = account.seesFixture() ? 200 : 404;
                if (status != expected) {
                    wrong.add(path.getKey() + " as " + account + ": expected " + expected + ", got " + status);
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void statisticsWithoutAUnitCountFromTheReadersOwnUnit() throws Exception {
        for (Account account : ACCOUNTS) {
            JsonNode body = JSON.readTree(perform(account, get("/api/statistics/rectification"), null)
                    .getContentAsString());
            String expected = account.readsEverything() ? null : account.unit();
            assertThat(body.get("unitId").isNull() ? null : body.get("unitId").asText()).as(account.toString())
                    .isEqualTo(expected);
        }
    }

    /** "METHOD /pattern" of every handler under /api. */
    Set<String> endpoints() {
        Set<String> endpoints = new TreeSet<>();
        for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            for (String pattern : info.getPatternValues()) {
                if (!pattern.startsWith("/api/")) {
                    continue;
                }
                for (RequestMethod method : methods.isEmpty() ? Set.of(RequestMethod.GET) : methods) {
                    endpoints.add(method.name() + " " + pattern);
                }
            }
        }
        return endpoints;
    }

    /** A list or export: 200 for everyone, naming the fixture row exactly for those in scope. */
    private static void list(Map<String, Rule> rules, String pattern, String path) {
        rules.put("GET " + pattern, new Rule(a -> get(path), a -> 200, Account::seesFixture, false));
    }

    /** A single row: 200 in scope, 404 outside (never 403: that would confirm the row exists). */
    private static void row(Map<String, Rule> rules, String pattern, String path) {
        rules.put("GET " + pattern, new Rule(a -> get(path), a -> a.seesFixture() ? 200 : 404, null, false));
    }

    private static void write(Map<String, Rule> rules, String endpoint, Predicate<Account> allowed, int status,
                              Function<Account, MockHttpServletRequestBuilder> request) {
        rules.put(endpoint, new Rule(request, a -> allowed.test(a) ? status : 403, null, true));
    }

    private Map<String, Object> issueBody(String id, String issueTitle) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", id);
        body.put("title", issueTitle);
        body.put("description", "权限矩阵测试用问题" + run);
        body.put("source", "SELF_EXAMINATION");
        body.put("responsibleUnitId", "branch-1");
        body.put("raisedByUnitId", "sqdw");
        body.put("foundOn", LocalDate.now().minusDays(3).toString());
        return body;
    }

    private static Map<String, Object> planBody(String id) {
        return Map.of("id", id, "measure", "建立联系台账", "type", "IMMEDIATE", "ownerUnitId", "branch-1",
                "ownerName", "张明", "deadline", LocalDate.now().plusMonths(1).toString());
    }

    private static Map<String, Object> revisedPlan() {
        return Map.of("measure", "建立联系台账并每月更新", "type", "IMMEDIATE", "ownerUnitId", "branch-1",
                "ownerName", "张明", "deadline", LocalDate.now().plusMonths(1).toString());
    }

    private static Map<String, Object> lookBackBody(String id) {
        return Map.of("id", id, "name", "权限矩阵回头看", "unitIds", List.of("branch-1"),
                "closedFrom", "2020-01-01", "closedTo", "2020-12-31");
    }

    private void ensureUnit(String id, String name, String kind, String parent) throws Exception {
        MockHttpServletResponse response = perform(ADMIN, json(post("/api/units"),
                Map.of("id", id, "name", name, "kind", kind, "parentId", parent)), null);
        assertThat(response.getStatus() == 201 || response.getContentAsString().contains("AlreadyExists"))
                .as("registering %s: %s", id, response.getContentAsString()).isTrue();
    }

    private void expect(int status, Account account, MockHttpServletRequestBuilder request, Object body)
            throws Exception {
        MockHttpServletResponse response = perform(account, request, body);
        assertThat(response.getStatus()).as("fixture %s as %s: %s", request, account,
                response.getContentAsString()).isEqualTo(status);
    }

    private MockHttpServletResponse perform(Account account, MockHttpServletRequestBuilder request, Object body)
            throws Exception {
        if (body != null) {
            json(request, body);
        }
        return mvc.perform(request.with(user(account.principal()))).andReturn().getResponse();
    }

    private static MockHttpServletRequestBuilder json(MockHttpServletRequestBuilder request, Object body) {
        try {
            return request.contentType(MediaType.APPLICATION_JSON).content(JSON.writeValueAsString(body));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private long events() {
        Long count = jdbc.queryForObject("select count(*) from domain_event_entry", Long.class);
        return count == null ? 0 : count;
    }

    private static String abbreviate(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }
}
