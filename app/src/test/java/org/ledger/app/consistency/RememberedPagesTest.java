package org.ledger.app.consistency;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ledger.app.AppTestSupport;
import org.ledger.app.audit.AuditFixtures;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;

/**
 * A ledger page is a slice of its query's remembered ids (RememberedIds): whatever changes what a page shows — a
 * command on a row, a rebuild, a unit moved in the tree — shows on the very next read of the same page, on H2 and on
 * PostgreSQL.
 */
class RememberedPagesTest extends AppTestSupport {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcTemplate jdbc;

    AuditFixtures fixtures;
    String run;

    @BeforeEach
    void units() throws Exception {
        fixtures = new AuditFixtures(mvc);
        fixtures.registerUnits();
        run = UUID.randomUUID().toString().substring(0, 8);
    }

    JsonNode page(String path) throws Exception {
        return fixtures.readJson("supervisor", path);
    }

    static List<String> ids(JsonNode page) {
        return field(page, "id");
    }

    static List<String> field(JsonNode page, String name) {
        List<String> values = new ArrayList<>();
        page.get("content").forEach(row -> values.add(row.get(name).asText()));
        return values;
    }

    @Test
    void aCommandShowsOnTheNextReadOfAPageReadBeforeIt() throws Exception {
        String issue = "issue-rp-" + run;
        registerAndAcknowledge(issue);
        assertThat(fixtures.planItem(issue, "rect-rp-" + run + "-1", null).getStatus()).isEqualTo(201);
        assertThat(fixtures.planItem(issue, "rect-rp-" + run + "-2", null).getStatus()).isEqualTo(201);
        String planned = "/api/ledgers/rectifications?issueId=" + issue + "&status=PLANNED&sort=id,asc";
        String all = "/api/ledgers/rectifications?issueId=" + issue + "&sort=id,asc";
        for (int read = 0; read < 2; read++) {
            assertThat(ids(page(planned))).containsExactly("rect-rp-" + run + "-1", "rect-rp-" + run + "-2");
            assertThat(field(page(all), "status")).containsExactly("PLANNED", "PLANNED");
        }

        assertThat(fixtures.approvePlan("rect-rp-" + run + "-1", null).getStatus()).isEqualTo(200);

        JsonNode stillPlanned = page(planned);
        assertThat(ids(stillPlanned)).containsExactly("rect-rp-" + run + "-2");
        assertThat(stillPlanned.at("/page/totalElements").asLong()).isEqualTo(1);
        // The same members, but the approved item's current row is a new version: not the one remembered.
        JsonNode both = page(all);
        assertThat(ids(both)).containsExactly("rect-rp-" + run + "-1", "rect-rp-" + run + "-2");
        assertThat(both.get("content").get(0).get("status").asText()).isNotEqualTo("PLANNED");
        assertThat(both.get("content").get(0).get("version").asLong())
                .isGreaterThan(both.get("content").get(1).get("version").asLong());
    }

    @Test
    void aPageReadBeforeARebuildIsTheSameAfterIt() throws Exception {
        String issue = "issue-rp-" + run;
        registerAndAcknowledge(issue);
        assertThat(fixtures.planItem(issue, "rect-rp-" + run, null).getStatus()).isEqualTo(201);
        assertThat(fixtures.approvePlan("rect-rp-" + run, null).getStatus()).isEqualTo(200);
        String path = "/api/ledgers/rectifications?issueId=" + issue;
        String issues = "/api/ledgers/issues?status=RECTIFYING&size=100&sort=id,desc";
        JsonNode before = page(path);
        JsonNode issuesBefore = page(issues);

        assertThat(fixtures.rebuild("admin", "all").getStatus()).isBetween(200, 299);
        fixtures.awaitIdle(jdbc);

        JsonNode after = page(path);
        assertThat(after.get("content")).isEqualTo(before.get("content"));
        assertThat(after.get("page")).isEqualTo(before.get("page"));
        assertThat(page(issues)).isEqualTo(issuesBefore);
    }

    @Test
    void aUnitMovedToAnotherParentTakesItsRowsToThatParentsSubtree() throws Exception {
        String a = "rp-a-" + run;
        String b = "rp-b-" + run;
        String c = "rp-c-" + run;
        register(a, "BRANCH", "sqdw");
        register(b, "BRANCH", "sqdw");
        register(c, "GROUP", a);
        String issue = "issue-rp-" + run;
        assertThat(fixtures.send("supervisor", HttpMethod.POST, "/api/issues", Map.of(
                "id", issue, "title", "三会一课记录不全", "description", "支委会记录缺少签到。",
                "source", "SELF_EXAMINATION", "responsibleUnitId", c, "raisedByUnitId", "jgw",
                "foundOn", AuditFixtures.TODAY.minusDays(1).toString()), null).getStatus()).isEqualTo(201);
        String underA = "/api/ledgers/issues?unitId=" + a;
        String underB = "/api/ledgers/issues?unitId=" + b;
        assertThat(ids(page(underA))).containsExactly(issue);
        assertThat(ids(page(underB))).isEmpty();

        // Only the unit tree changes; the issue ledger has no new row.
        assertThat(fixtures.send("admin", HttpMethod.PUT, "/api/units/" + c + "/parent", Map.of("parentId", b), null)
                .getStatus()).isEqualTo(200);

        assertThat(ids(page(underA))).isEmpty();
        assertThat(ids(page(underB))).containsExactly(issue);
    }

    @Test
    void changesWrittenSinceAPageWasReadTakeTheirPlacesInItsOrder() throws Exception {
        // Issues of this run only (the title holds the run), registered with the issue ledger's default order
        // (found on, newest first) not that of their registration.
        String path = "/api/ledgers/issues?status=REGISTERED&q=" + run + "&size=100";
        int[] foundDaysAgo = {5, 1, 3, 7, 2};
        for (int i = 0; i < 3; i++) {
            registerFoundOn("issue-rp-" + run + "-" + i, foundDaysAgo[i]);
        }
        assertThat(ids(page(path))).containsExactly(issue(1), issue(2), issue(0));

        // Written since: two new issues, and one that leaves the page by its new status.
        registerFoundOn(issue(3), foundDaysAgo[3]);
        registerFoundOn(issue(4), foundDaysAgo[4]);
        assertThat(fixtures.acknowledge(issue(2), "签收", null).getStatus()).isEqualTo(200);

        JsonNode after = page(path);
        assertThat(ids(after)).containsExactly(issue(1), issue(4), issue(0), issue(3));
        assertThat(after.at("/page/totalElements").asLong()).isEqualTo(4);
        assertThat(ids(page(path + "&sort=id,asc"))).as("the same query read in another order, from scratch")
                .containsExactly(issue(0), issue(1), issue(3), issue(4));
    }

    String issue(int i) {
        return "issue-rp-" + run + "-" + i;
    }

    void registerFoundOn(String issue, int daysAgo) throws Exception {
        assertThat(fixtures.send("supervisor", HttpMethod.POST, "/api/issues", Map.of(
                "id", issue, "title", "组织生活不规范 " + run, "description", "记录不全。",
                "source", "SELF_EXAMINATION", "responsibleUnitId", "branch-1", "raisedByUnitId", "jgw",
                "foundOn", AuditFixtures.TODAY.minusDays(daysAgo).toString()), null).getStatus()).isEqualTo(201);
    }

    void registerAndAcknowledge(String issue) throws Exception {
        assertThat(fixtures.registerIssue(issue, null).getStatus()).isEqualTo(201);
        assertThat(fixtures.acknowledge(issue, "签收", null).getStatus()).isEqualTo(200);
    }

    void register(String unit, String kind, String parent) throws Exception {
        assertThat(fixtures.send("admin", HttpMethod.POST, "/api/units",
                Map.of("id", unit, "name", "单位" + unit, "kind", kind, "parentId", parent), null).getStatus())
                .isEqualTo(201);
    }
}
