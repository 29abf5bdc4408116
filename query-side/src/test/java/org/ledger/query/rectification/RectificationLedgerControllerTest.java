package org.ledger.query.rectification;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ledger.kernel.issue.IssueSource;
import org.ledger.kernel.rectification.RectificationEvents.RectificationPlanApproved;
import org.ledger.kernel.rectification.RectificationId;
import org.ledger.kernel.rectification.RectificationType;
import org.ledger.query.support.RememberedIds;
import org.ledger.query.unit.UnitTree;
import org.ledger.query.QueryTestApplication;
import org.ledger.query.TestJson;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.orm.jpa.DataJpaTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.servlet.MockMvc;

@DataJpaTest
@Import({RectificationLedgerProjection.class, RectificationLedgerTable.class, RectificationLedgerQueries.class,
        UnitTree.class, RememberedIds.class,
        QueryTestApplication.FixedClock.class, QueryTestApplication.ReadEverything.class})
class RectificationLedgerControllerTest {

    static final Instant T0 = Instant.parse("2024-04-12T08:00:00Z");

    @Autowired
    RectificationLedgerProjection projection;
    @Autowired
    RectificationLedgerQueries queries;

    MockMvc mvc;

    @BeforeEach
    void setUp() {
        mvc = TestJson.mockMvc(new RectificationLedgerController(queries));
        projection.on(RectificationLedgerProjectionTest.issue("i-1", "记录不规范", IssueSource.INSPECTION), 0, T0);
        projection.on(RectificationLedgerProjectionTest.planned("r-1", "i-1", "补齐签名", "b1",
                RectificationType.IMMEDIATE, LocalDate.of(2024, 6, 1)), 0, T0.plusSeconds(60));
        projection.on(new RectificationPlanApproved(RectificationId.of("r-1"), null, "sup"), 1, T0.plusSeconds(120));
        projection.on(RectificationLedgerProjectionTest.planned("r-2", "i-1", "专题学习", "b2",
                RectificationType.WITHIN_DEADLINE, LocalDate.of(2024, 7, 1)), 0, T0.plusSeconds(60));
    }

    @Test
    void listShowsDerivedOverdueAndDaysLeft() throws Exception {
        mvc.perform(get("/api/ledgers/rectifications"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.content.length()").value(2))
                .andExpect(jsonPath("$.content[0].id").value("r-1"))
                .andExpect(jsonPath("$.content[0].status").value("IN_PROGRESS"))
                .andExpect(jsonPath("$.content[0].issueTitle").value("记录不规范"))
                .andExpect(jsonPath("$.content[0].overdue").value(true))
                .andExpect(jsonPath("$.content[0].daysLeft").value(-14))
                .andExpect(jsonPath("$.content[1].overdue").value(false))
                .andExpect(jsonPath("$.page.totalElements").value(2));

        mvc.perform(get("/api/ledgers/rectifications").param("overdue", "true"))
                .andExpect(jsonPath("$.content.length()").value(1))
                .andExpect(jsonPath("$.content[0].id").value("r-1"));

        mvc.perform(get("/api/ledgers/rectifications").param("unitId", "b2").param("type", "WITHIN_DEADLINE")
                        .param("source", "INSPECTION").param("deadlineFrom", "2024-06-02"))
                .andExpect(jsonPath("$.content.length()").value(1))
                .andExpect(jsonPath("$.content[0].id").value("r-2"));

        mvc.perform(get("/api/ledgers/rectifications").param("sort", "effectiveDeadline,desc"))
                .andExpect(jsonPath("$.content[0].id").value("r-2"));
    }

    @Test
    void singleRowCarriesItsVersionAsETag() throws Exception {
        mvc.perform(get("/api/ledgers/rectifications/r-1"))
                .andExpect(status().isOk())
                .andExpect(header().string("ETag", "\"1\""))
                .andExpect(jsonPath("$.version").value(1))
                .andExpect(jsonPath("$.originalDeadline").value("2024-06-01"));
        mvc.perform(get("/api/ledgers/rectifications/nope")).andExpect(status().isNotFound());
    }

    @Test
    void badQueryInputIs400() throws Exception {
        mvc.perform(get("/api/ledgers/rectifications").param("type", "SOMETIME")).andExpect(status().isBadRequest());
        mvc.perform(get("/api/ledgers/rectifications").param("overdue", "maybe")).andExpect(status().isBadRequest());
        mvc.perform(get("/api/ledgers/rectifications").param("deadlineTo", "30/06/2024"))
                .andExpect(status().isBadRequest());
        mvc.perform(get("/api/ledgers/rectifications").param("size", "500")).andExpect(status().isBadRequest());
        mvc.perform(get("/api/ledgers/rectifications").param("sort", "measure")).andExpect(status().isBadRequest());
    }
}
