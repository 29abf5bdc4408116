package org.ledger.query.issue;

import org.ledger.query.support.RememberedIds;
import org.ledger.query.QueryTestApplication;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ledger.kernel.issue.IssueEvents.IssueAcknowledged;
import org.ledger.kernel.issue.IssueId;
import org.ledger.kernel.issue.IssueSource;
import org.ledger.query.unit.UnitTree;
import org.ledger.query.TestJson;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.orm.jpa.DataJpaTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.servlet.MockMvc;

@DataJpaTest
@Import({IssueLedgerProjection.class, IssueLedgerTable.class, IssueLedgerQueries.class, UnitTree.class,
        RememberedIds.class,
        QueryTestApplication.ReadEverything.class})
class IssueLedgerControllerTest {

    static final Instant T0 = Instant.parse("2024-04-12T08:00:00Z");

    @Autowired
    IssueLedgerProjection projection;
    @Autowired
    IssueLedgerQueries queries;

    MockMvc mvc;

    @BeforeEach
    void setUp() {
        mvc = TestJson.mockMvc(new IssueLedgerController(queries));
        projection.on(IssueLedgerProjectionTest.registered("i-1", "记录不规范", IssueSource.INSPECTION, "b1",
                LocalDate.of(2024, 4, 1)), 0, T0);
        projection.on(new IssueAcknowledged(IssueId.of("i-1"), "sec", null), 1, T0.plusSeconds(60));
        projection.on(IssueLedgerProjectionTest.registered("i-2", "党费", IssueSource.PATROL_FEEDBACK, "b2",
                LocalDate.of(2024, 4, 2)), 0, T0);
    }

    @Test
    void listAnswersAPageOfRows() throws Exception {
        mvc.perform(get("/api/ledgers/issues").param("status", "ACKNOWLEDGED", "REGISTERED")
                        .param("sort", "foundOn,asc"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.content.length()").value(2))
                .andExpect(jsonPath("$.content[0].id").value("i-1"))
                .andExpect(jsonPath("$.content[0].version").value(1))
                .andExpect(jsonPath("$.content[0].status").value("ACKNOWLEDGED"))
                .andExpect(jsonPath("$.content[0].foundOn").value("2024-04-01"))
                .andExpect(jsonPath("$.content[0].registeredAt").value("2024-04-12T08:00:00Z"))
                .andExpect(jsonPath("$.page.size").value(20))
                .andExpect(jsonPath("$.page.number").value(0))
                .andExpect(jsonPath("$.page.totalElements").value(2))
                .andExpect(jsonPath("$.page.totalPages").value(1));

        mvc.perform(get("/api/ledgers/issues").param("unitId", "b2").param("q", "党费"))
                .andExpect(jsonPath("$.content.length()").value(1))
                .andExpect(jsonPath("$.content[0].id").value("i-2"));

        mvc.perform(get("/api/ledgers/issues").param("asOf", "2024-04-12T08:00:30Z").param("status", "ACKNOWLEDGED"))
                .andExpect(jsonPath("$.content.length()").value(0));
    }

    @Test
    void singleRowCarriesItsVersionAsETag() throws Exception {
        mvc.perform(get("/api/ledgers/issues/i-1"))
                .andExpect(status().isOk())
                .andExpect(header().string("ETag", "\"1\""))
                .andExpect(jsonPath("$.id").value("i-1"))
                .andExpect(jsonPath("$.status").value("ACKNOWLEDGED"));

        mvc.perform(get("/api/ledgers/issues/i-1").param("asOf", "2024-04-12T08:00:30Z"))
                .andExpect(header().string("ETag", "\"0\""))
                .andExpect(jsonPath("$.status").value("REGISTERED"));
    }

    @Test
    void unknownIdIs404() throws Exception {
        mvc.perform(get("/api/ledgers/issues/nope")).andExpect(status().isNotFound());
    }

    @Test
    void badQueryInputIs400() throws Exception {
        mvc.perform(get("/api/ledgers/issues").param("status", "BOGUS")).andExpect(status().isBadRequest());
        mvc.perform(get("/api/ledgers/issues").param("foundFrom", "2024-13-01")).andExpect(status().isBadRequest());
        mvc.perform(get("/api/ledgers/issues").param("size", "201")).andExpect(status().isBadRequest());
        mvc.perform(get("/api/ledgers/issues").param("size", "abc")).andExpect(status().isBadRequest());
        mvc.perform(get("/api/ledgers/issues").param("page", "-1")).andExpect(status().isBadRequest());
        mvc.perform(get("/api/ledgers/issues").param("sort", "rowId,desc"))
                .andExpect(status().isBadRequest())
                .andExpect(status().reason(containsString("foundOn")));
        mvc.perform(get("/api/ledgers/issues").param("sort", "foundOn,sideways")).andExpect(status().isBadRequest());
        mvc.perform(get("/api/ledgers/issues").param("asOf", "yesterday")).andExpect(status().isBadRequest());
        mvc.perform(get("/api/ledgers/issues").param("foundFrom", "2024-05-01").param("foundTo", "2024-04-01"))
                .andExpect(status().isBadRequest());
    }
}
