package org.ledger.query.rectification;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ledger.kernel.issue.IssueId;
import org.ledger.kernel.issue.IssueSource;
import org.ledger.kernel.rectification.EvidenceId;
import org.ledger.kernel.rectification.ExtensionRequestId;
import org.ledger.kernel.rectification.RectificationEvents.BecameOverdue;
import org.ledger.kernel.rectification.RectificationEvents.ClosureRequested;
import org.ledger.kernel.rectification.RectificationEvents.ExtensionRequested;
import org.ledger.kernel.rectification.RectificationEvents.RectificationClosed;
import org.ledger.kernel.rectification.RectificationEvents.RectificationPlanApproved;
import org.ledger.kernel.rectification.RectificationEvents.WarningIssued;
import org.ledger.kernel.rectification.RectificationId;
import org.ledger.kernel.rectification.RectificationType;
import org.ledger.kernel.rectification.WarningLevel;
import org.ledger.query.support.RememberedIds;
import org.ledger.query.QueryTestApplication;
import org.ledger.query.TestJson;
import org.ledger.query.unit.UnitTree;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.orm.jpa.DataJpaTest;
import org.springframework.context.annotation.Import;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * The rectification ledger's supervision filters (issue 6): "due within N days", "waiting for my verification",
 * "waiting for my approval" and the warning level, through the controller. "My" is the authenticated user of the
 * security context, never a parameter. Today is 2024-06-15 ({@link QueryTestApplication#NOW}).
 *
 * <pre>
 * r-1 IN_PROGRESS        deadline 06-20  YELLOW
 * r-2 PLANNED            deadline 06-25  (plan awaits approval)
 * r-3 CLOSURE_REQUESTED  deadline 06-18  GREEN   closure requested by lead
 * r-4 IN_PROGRESS        deadline 06-15  GREEN   extension requested by lead (due today)
 * r-5 IN_PROGRESS        deadline 06-10  RED     (overdue)
 * r-6 CLOSED             deadline 06-17  -
 * r-7 IN_PROGRESS        deadline 07-30  GREEN
 * </pre>
 */
@DataJpaTest
@Import({RectificationLedgerProjection.class, RectificationLedgerTable.class, RectificationLedgerQueries.class,
        UnitTree.class, RememberedIds.class,
        QueryTestApplication.FixedClock.class, QueryTestApplication.ReadEverything.class})
class RectificationLedgerFiltersTest {

    static final Instant T0 = Instant.parse("2024-04-12T08:00:00Z");
    static final String PATH = "/api/ledgers/rectifications";

    @Autowired
    RectificationLedgerProjection projection;
    @Autowired
    RectificationLedgerQueries queries;

    MockMvc mvc;

    static RectificationId id(String value) {
        return RectificationId.of(value);
    }

    void planned(String id, int month, int day, long seq) {
        projection.on(RectificationLedgerProjectionTest.planned(id, "i-1", "措施" + id, "b1",
                RectificationType.WITHIN_DEADLINE, LocalDate.of(2024, month, day)), seq, T0.plusSeconds(seq));
    }

    void approved(String id) {
        projection.on(new RectificationPlanApproved(id(id), "同意", "supervisor"), 1, T0.plusSeconds(100));
    }

    @BeforeEach
    void setUp() {
        mvc = TestJson.mockMvc(new RectificationLedgerController(queries));
        projection.on(RectificationLedgerProjectionTest.issue("i-1", "记录不规范", IssueSource.INSPECTION), 0, T0);
        planned("r-1", 6, 20, 0);
        approved("r-1");
        projection.on(new WarningIssued(id("r-1"), WarningLevel.GREEN, LocalDate.of(2024, 6, 20), 20), 2,
                T0.plusSeconds(200));
        projection.on(new WarningIssued(id("r-1"), WarningLevel.YELLOW, LocalDate.of(2024, 6, 20), 10), 3,
                T0.plusSeconds(300));

        planned("r-2", 6, 25, 0);

        planned("r-3", 6, 18, 0);
        approved("r-3");
        projection.on(new ClosureRequested(id("r-3"), "已整改完毕", List.of(EvidenceId.of("ev-1")), "lead",
                LocalDate.of(2024, 6, 10)), 2, T0.plusSeconds(200));

        planned("r-4", 6, 15, 0);
        approved("r-4");
        projection.on(new ExtensionRequested(id("r-4"), ExtensionRequestId.of("ext-1"), "人员外出",
                LocalDate.of(2024, 7, 15), "lead", LocalDate.of(2024, 6, 12)), 2, T0.plusSeconds(200));

        planned("r-5", 6, 10, 0);
        approved("r-5");
        projection.on(new BecameOverdue(id("r-5"), LocalDate.of(2024, 6, 10)), 2, T0.plusSeconds(200));

        planned("r-6", 6, 17, 0);
        approved("r-6");
        projection.on(new ClosureRequested(id("r-6"), "已整改完毕", List.of(EvidenceId.of("ev-1")), "lead",
                LocalDate.of(2024, 6, 1)), 2, T0.plusSeconds(200));
        projection.on(new RectificationClosed(id("r-6"), IssueId.of("i-1"), "核查属实", "supervisor",
                LocalDate.of(2024, 6, 3)), 3, T0.plusSeconds(300));

        planned("r-7", 7, 30, 0);
        approved("r-7");
    }

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    static void signIn(String user) {
        SecurityContextHolder.getContext().setAuthentication(new UsernamePasswordAuthenticationToken(user, "n/a",
                AuthorityUtils.createAuthorityList("ROLE_SUPERVISOR")));
    }

    ResultActions expectIds(ResultActions result, String... ids) throws Exception {
        result.andExpect(status().isOk()).andExpect(jsonPath("$.page.totalElements").value(ids.length));
        return ids.length == 0 ? result.andExpect(jsonPath("$.content").isEmpty())
                : result.andExpect(jsonPath("$.content[*].id").value(Matchers.contains((Object[]) ids)));
    }

    // --- due within N days ------------------------------------------------------------------------------------

    @Test
    void dueWithinDaysCountsFromTodayInclusiveAndLeavesOutOverdueAndSettledItems() throws Exception {
        // 0: due today only (r-4); the overdue r-5 and the closed r-6 never count
        expectIds(mvc.perform(get(PATH).param("dueWithinDays", "0")), "r-4");
        // 3: up to 06-18 inclusive; the closed r-6 (06-17) is left out
        expectIds(mvc.perform(get(PATH).param("dueWithinDays", "3")), "r-4", "r-3");
        expectIds(mvc.perform(get(PATH).param("dueWithinDays", "5")), "r-4", "r-3", "r-1");
        // 10: a PLANNED item counts too (it is not settled)
        expectIds(mvc.perform(get(PATH).param("dueWithinDays", "10")), "r-4", "r-3", "r-1", "r-2");
        expectIds(mvc.perform(get(PATH).param("dueWithinDays", "45")), "r-4", "r-3", "r-1", "r-2", "r-7");
    }

    @Test
    void dueWithinDaysCombinesWithOtherFilters() throws Exception {
        expectIds(mvc.perform(get(PATH).param("dueWithinDays", "10").param("status", "IN_PROGRESS")), "r-4",
                "r-1");
        expectIds(mvc.perform(get(PATH).param("dueWithinDays", "10").param("warningLevel", "YELLOW")), "r-1");
    }

    @Test
    void dueWithinDaysOutOfRangeOrNotANumberIs400() throws Exception {
        mvc.perform(get(PATH).param("dueWithinDays", "-1")).andExpect(status().isBadRequest());
        mvc.perform(get(PATH).param("dueWithinDays", "3651")).andExpect(status().isBadRequest());
        mvc.perform(get(PATH).param("dueWithinDays", "ten")).andExpect(status().isBadRequest());
        mvc.perform(get(PATH).param("dueWithinDays", "3650")).andExpect(status().isOk());
    }

    // --- waiting for my verification ---------------------------------------------------------------------------

    @Test
    void awaitingMyVerificationIsAClosureRequestSomeoneElseMade() throws Exception {
        signIn("supervisor");
        expectIds(mvc.perform(get(PATH).param("awaitingMyVerification", "true")), "r-3");
    }

    @Test
    void myOwnClosureRequestDoesNotAwaitMyVerification() throws Exception {
        signIn("lead");
        expectIds(mvc.perform(get(PATH).param("awaitingMyVerification", "true")));
    }

    @Test
    void awaitingMyVerificationFalseDoesNotFilter() throws Exception {
        signIn("lead");
        expectIds(mvc.perform(get(PATH).param("awaitingMyVerification", "false")),
                "r-5", "r-4", "r-6", "r-3", "r-1", "r-2", "r-7");
    }

    @Test
    void twoReadersOfTheSameMyFilterOnAnUnchangedLedgerEachSeeTheirOwn() throws Exception {
        // Same filter, same scope, same ledger state: only the viewer differs, so the remembered ids must not be shared.
        signIn("supervisor");
        expectIds(mvc.perform(get(PATH).param("awaitingMyVerification", "true")), "r-3");
        expectIds(mvc.perform(get(PATH).param("awaitingMyApproval", "true")), "r-4", "r-2");
        signIn("lead");
        expectIds(mvc.perform(get(PATH).param("awaitingMyVerification", "true")));
        expectIds(mvc.perform(get(PATH).param("awaitingMyApproval", "true")), "r-2");
    }

    // --- waiting for my approval -------------------------------------------------------------------------------

    @Test
    void awaitingMyApprovalIsAPlannedPlanOrAnExtensionSomeoneElseRequested() throws Exception {
        signIn("supervisor");
        expectIds(mvc.perform(get(PATH).param("awaitingMyApproval", "true")), "r-4", "r-2");
    }

    @Test
    void myOwnExtensionRequestDoesNotAwaitMyApproval() throws Exception {
        signIn("lead");
        expectIds(mvc.perform(get(PATH).param("awaitingMyApproval", "true")), "r-2");
    }

    @Test
    void theMyFiltersTakeTheUserFromTheSecurityContextNotFromAParameter() throws Exception {
        signIn("lead");
        // a client cannot pose as someone else: there is no viewer parameter, an unknown one is ignored
        expectIds(mvc.perform(get(PATH).param("awaitingMyApproval", "true").param("viewer", "supervisor")), "r-2");
        expectIds(mvc.perform(get(PATH).param("awaitingMyVerification", "true").param("viewer", "supervisor")));
    }

    @Test
    void bothMyFiltersTogetherNeedBoth() throws Exception {
        signIn("supervisor");
        expectIds(mvc.perform(get(PATH).param("awaitingMyApproval", "true")
                .param("awaitingMyVerification", "true")));
    }

    @Test
    void aBadBooleanIs400() throws Exception {
        mvc.perform(get(PATH).param("awaitingMyApproval", "perhaps")).andExpect(status().isBadRequest());
        mvc.perform(get(PATH).param("awaitingMyVerification", "perhaps")).andExpect(status().isBadRequest());
    }

    // --- warning level ---------------------------------------------------------------------------------------

    @Test
    void warningLevelFiltersByTheRecordedLevel() throws Exception {
        expectIds(mvc.perform(get(PATH).param("warningLevel", "RED")), "r-5");
        expectIds(mvc.perform(get(PATH).param("warningLevel", "YELLOW")), "r-1");
        // approved items start GREEN; a PLANNED or a closed item has no level
        expectIds(mvc.perform(get(PATH).param("warningLevel", "GREEN")), "r-4", "r-3", "r-7");
        mvc.perform(get(PATH + "/r-1")).andExpect(jsonPath("$.warningLevel").value("YELLOW"));
        mvc.perform(get(PATH + "/r-2")).andExpect(jsonPath("$.warningLevel").doesNotExist());
        mvc.perform(get(PATH).param("warningLevel", "ORANGE")).andExpect(status().isBadRequest());
    }

    @Test
    void warningLevelAsOfAnEarlierInstantIsTheLevelThen() throws Exception {
        expectIds(mvc.perform(get(PATH).param("warningLevel", "YELLOW")
                .param("asOf", T0.plusSeconds(250).toString())));
        expectIds(mvc.perform(get(PATH).param("warningLevel", "GREEN")
                .param("asOf", T0.plusSeconds(250).toString())), "r-4", "r-6", "r-3", "r-1", "r-7");
        expectIds(mvc.perform(get(PATH).param("warningLevel", "RED")
                .param("asOf", T0.plusSeconds(150).toString())));
    }
}
