package org.ledger.command.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ledger.command.access.AccessFixtures.actor;

import java.lang.reflect.Method;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeDiagnosingMatcher;
import org.junit.jupiter.api.Test;
import org.ledger.command.agreement.ResponsibilityAgreement;
import org.ledger.command.issue.Issue;
import org.ledger.command.lookback.LookBack;
import org.ledger.command.rectification.RectificationItem;
import org.ledger.command.rectification.WarningPolicy;
import org.ledger.command.unit.OrgUnit;
import org.ledger.kernel.agreement.AgreementCommands.ArchiveAgreement;
import org.ledger.kernel.agreement.AgreementCommands.SignAgreement;
import org.ledger.kernel.agreement.AgreementEvents.AgreementDrafted;
import org.ledger.kernel.agreement.AgreementId;
import org.ledger.kernel.agreement.Party;
import org.ledger.kernel.issue.IssueCommands.AcknowledgeIssue;
import org.ledger.kernel.issue.IssueCommands.DismissIssue;
import org.ledger.kernel.issue.IssueCommands.RegisterIssue;
import org.ledger.kernel.issue.IssueEvents.IssueRegistered;
import org.ledger.kernel.issue.IssueId;
import org.ledger.kernel.issue.IssueSource;
import org.ledger.kernel.issue.Severity;
import org.ledger.kernel.lookback.LookBackCommands.CompleteLookBack;
import org.ledger.kernel.lookback.LookBackEvents.LookBackOpened;
import org.ledger.kernel.lookback.LookBackId;
import org.ledger.kernel.lookback.SamplingMode;
import org.ledger.kernel.rectification.EvidenceId;
import org.ledger.kernel.rectification.RectificationCommands.ApprovePlan;
import org.ledger.kernel.rectification.RectificationCommands.ReportProgress;
import org.ledger.kernel.rectification.RectificationCommands.VerifyClosure;
import org.ledger.kernel.rectification.RectificationEvents.ClosureRequested;
import org.ledger.kernel.rectification.RectificationEvents.EvidenceAttached;
import org.ledger.kernel.rectification.RectificationEvents.RectificationPlanApproved;
import org.ledger.kernel.rectification.RectificationEvents.RectificationPlanned;
import org.ledger.kernel.rectification.RectificationId;
import org.ledger.kernel.rectification.RectificationType;
import org.ledger.kernel.rectification.VerificationOutcome;
import org.ledger.kernel.unit.UnitCommands.RegisterUnit;
import org.ledger.kernel.unit.UnitCommands.RenameUnit;
import org.ledger.kernel.unit.UnitEvents.UnitRegistered;
import org.ledger.kernel.unit.UnitId;
import org.ledger.kernel.unit.UnitKind;

/**
 * One test per {@link AccessRule}, named after it: the actor the rule refuses gets {@link AccessDenied} naming the
 * rule and nothing is applied; where it matters, the actor it admits passes the access check (the tree is that of
 * {@link AccessFixtures}: jgw → sqdw → branch-1/branch-2, jgw → sqdw-2 → branch-3).
 */
class AccessRulesTest {

    static final UnitId BRANCH_1 = UnitId.of("branch-1");
    static final UnitId SQDW = UnitId.of("sqdw");
    static final IssueId ISSUE = IssueId.of("issue-1");
    static final RectificationId ITEM = RectificationId.of("rect-1");
    static final LocalDate DAY = LocalDate.of(2025, 3, 20);

    static final Map<String, Object> LEAD_1 = actor("lead", "branch-1", Role.UNIT_LEAD);
    static final Map<String, Object> LEAD_3 = actor("lead3", "branch-3", Role.UNIT_LEAD);
    static final Map<String, Object> SUPERVISOR_SQDW = actor("sup", "sqdw", Role.SUPERVISOR);
    static final Map<String, Object> SUPERVISOR_SQDW_2 = actor("sup2", "sqdw-2", Role.SUPERVISOR);
    static final Map<String, Object> SUPERVISOR_BRANCH_1 = actor("supb", "branch-1", Role.SUPERVISOR);
    static final Map<String, Object> AUDITOR = actor("auditor", "jgw", Role.AUDITOR);
    static final Map<String, Object> VIEWER = actor("viewer", "jgw", Role.VIEWER);

    static Matcher<Throwable> denies(AccessRule rule) {
        return new TypeSafeDiagnosingMatcher<>() {
            @Override
            protected boolean matchesSafely(Throwable item, Description mismatch) {
                if (item instanceof AccessDenied denied && denied.rule() == rule) {
                    return true;
                }
                mismatch.appendText("was ").appendValue(item);
                return false;
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("AccessDenied by ").appendValue(rule.name());
            }
        };
    }

    static <T> FixtureConfiguration<T> fixture(Class<T> type) {
        FixtureConfiguration<T> fixture = AccessFixtures.install(new AggregateTestFixture<>(type));
        fixture.registerInjectableResource(new WarningPolicy(20, 10, java.time.ZoneId.of("Asia/Shanghai")));
        return fixture;
    }

    static RegisterIssue register(UnitId responsible, UnitId raisedBy) {
        return new RegisterIssue(ISSUE, "问题", "描述", IssueSource.INSPECTION, "督查", "党员管理", Severity.MAJOR,
                responsible, raisedBy, DAY, null);
    }

    static IssueRegistered registered() {
        return new IssueRegistered(ISSUE, "问题", "描述", IssueSource.INSPECTION, "督查", "党员管理", Severity.MAJOR,
                BRANCH_1, SQDW, DAY, null);
    }

    static RectificationPlanned planned() {
        return new RectificationPlanned(ITEM, ISSUE, "措施", RectificationType.IMMEDIATE, BRANCH_1, "张三", "李四",
                DAY.plusMonths(3), "目标", "lead", DAY);
    }

    @Test
    void registerIssueBySupervisorOfRaisingUnit() {
        for (Map<String, Object> refused : List.of(SUPERVISOR_SQDW_2, LEAD_1, AUDITOR, VIEWER)) {
            fixture(Issue.class).givenNoPriorActivity()
                    .when(register(BRANCH_1, SQDW), refused)
                    .expectNoEvents().expectException(denies(AccessRule.RegisterIssueBySupervisorOfRaisingUnit));
        }
        fixture(Issue.class).givenNoPriorActivity()
                .when(register(BRANCH_1, SQDW), SUPERVISOR_SQDW)
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void dismissIssueBySupervisorOfRaisingUnit() {
        fixture(Issue.class).given(registered())
                .when(new DismissIssue(ISSUE, null, "误报"), SUPERVISOR_SQDW_2)
                .expectNoEvents().expectException(denies(AccessRule.DismissIssueBySupervisorOfRaisingUnit));
    }

    @Test
    void issueWorkByLeadOfResponsibleUnit() {
        for (Map<String, Object> refused : List.of(LEAD_3, SUPERVISOR_SQDW, AUDITOR)) {
            fixture(Issue.class).given(registered())
                    .when(new AcknowledgeIssue(ISSUE, null, "收到"), refused)
                    .expectNoEvents().expectException(denies(AccessRule.IssueWorkByLeadOfResponsibleUnit));
        }
        fixture(Issue.class).given(registered())
                .when(new AcknowledgeIssue(ISSUE, null, "收到"), LEAD_1)
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void itemWorkByLeadOfOwnerUnit() {
        for (Map<String, Object> refused : List.of(LEAD_3, SUPERVISOR_SQDW, VIEWER)) {
            fixture(RectificationItem.class).given(planned(), new RectificationPlanApproved(ITEM, "同意", "sup"))
                    .when(new ReportProgress(ITEM, null, 50, "进展", List.of(), DAY), refused)
                    .expectNoEvents().expectException(denies(AccessRule.ItemWorkByLeadOfOwnerUnit));
        }
        fixture(RectificationItem.class).given(planned(), new RectificationPlanApproved(ITEM, "同意", "sup"))
                .when(new ReportProgress(ITEM, null, 50, "进展", List.of(), DAY), LEAD_1)
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void itemDecisionBySupervisorOfOwnerUnit() {
        for (Map<String, Object> refused : List.of(LEAD_1, SUPERVISOR_SQDW_2, AUDITOR)) {
            fixture(RectificationItem.class).given(planned())
                    .when(new ApprovePlan(ITEM, null, "同意"), refused)
                    .expectNoEvents().expectException(denies(AccessRule.ItemDecisionBySupervisorOfOwnerUnit));
        }
        fixture(RectificationItem.class).given(planned())
                .when(new ApprovePlan(ITEM, null, "同意"), SUPERVISOR_SQDW)
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void verifierFromSupervisingSide() {
        EvidenceId photo = EvidenceId.of("ev-1");
        Object[] history = {planned(), new RectificationPlanApproved(ITEM, "同意", "sup"),
                new EvidenceAttached(ITEM, photo, "p.png", "image/png", 10, "ab".repeat(32)),
                new ClosureRequested(ITEM, "已完成", List.of(photo), "lead", DAY)};
        VerifyClosure verify = new VerifyClosure(ITEM, null, VerificationOutcome.CLOSED, "通过", DAY);
        // a supervisor of the owner unit itself is not the supervising side; nor is one outside its subtree
        for (Map<String, Object> refused : List.of(SUPERVISOR_BRANCH_1, SUPERVISOR_SQDW_2, LEAD_1, AUDITOR)) {
            fixture(RectificationItem.class).given(history)
                    .when(verify, refused)
                    .expectNoEvents().expectException(denies(AccessRule.VerifierFromSupervisingSide));
        }
        fixture(RectificationItem.class).given(history)
                .when(verify, SUPERVISOR_SQDW)
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void lookBackBySupervisorOfItsUnits() {
        LookBackId id = LookBackId.of("lb-1");
        LookBackOpened opened = new LookBackOpened(id, "回头看", List.of(SQDW), DAY.minusYears(1), DAY,
                SamplingMode.ALL, 0, 7L, "sup");
        for (Map<String, Object> refused : List.of(SUPERVISOR_SQDW_2, LEAD_1, VIEWER)) {
            fixture(LookBack.class).given(opened)
                    .when(new CompleteLookBack(id, null, "完成"), refused)
                    .expectNoEvents().expectException(denies(AccessRule.LookBackBySupervisorOfItsUnits));
        }
    }

    @Test
    void unitManagedFromAbove() {
        // a root needs an admin
        fixture(OrgUnit.class).givenNoPriorActivity()
                .when(new RegisterUnit(UnitId.of("jgw-2"), "新街工委", UnitKind.WORKING_COMMITTEE, null, null),
                        SUPERVISOR_SQDW)
                .expectNoEvents().expectException(denies(AccessRule.UnitManagedFromAbove));
        // a supervisor does not rename its own unit, nor one outside its subtree
        for (Map<String, Object> refused : List.of(SUPERVISOR_SQDW, SUPERVISOR_SQDW_2, LEAD_1)) {
            fixture(OrgUnit.class).given(new UnitRegistered(SQDW, "社区党委", UnitKind.COMMUNITY_COMMITTEE,
                            UnitId.of("jgw")))
                    .when(new RenameUnit(SQDW, null, "新名字"), refused)
                    .expectNoEvents().expectException(denies(AccessRule.UnitManagedFromAbove));
        }
    }

    static AgreementDrafted drafted() {
        return new AgreementDrafted(AgreementId.of("agr-1"), "责任书", DAY, DAY.plusYears(1), SQDW, BRANCH_1, 100,
                "sup");
    }

    @Test
    void agreementBySupervisorOfIssuer() {
        for (Map<String, Object> refused : List.of(SUPERVISOR_SQDW_2, LEAD_1, AUDITOR)) {
            fixture(ResponsibilityAgreement.class).given(drafted())
                    .when(new SignAgreement(AgreementId.of("agr-1"), null, Party.ISSUER, "王五", DAY), refused)
                    .expectNoEvents().expectException(denies(AccessRule.AgreementBySupervisorOfIssuer));
        }
        fixture(ResponsibilityAgreement.class).given(drafted())
                .when(new ArchiveAgreement(AgreementId.of("agr-1"), null, DAY), LEAD_1)
                .expectNoEvents().expectException(denies(AccessRule.AgreementBySupervisorOfIssuer));
    }

    @Test
    void responsibleSignatureByItsLead() {
        for (Map<String, Object> refused : List.of(SUPERVISOR_SQDW, LEAD_3)) {
            fixture(ResponsibilityAgreement.class).given(drafted())
                    .when(new SignAgreement(AgreementId.of("agr-1"), null, Party.RESPONSIBLE, "张三", DAY), refused)
                    .expectNoEvents().expectException(denies(AccessRule.ResponsibleSignatureByItsLead));
        }
    }

    @Test
    void taskProgressByAssigneeLead() {
        // an unknown task has no assignee: nobody but an admin passes the access check
        fixture(ResponsibilityAgreement.class).given(drafted())
                .when(new org.ledger.kernel.agreement.AgreementCommands.ReportTaskProgress(AgreementId.of("agr-1"),
                        null, org.ledger.kernel.agreement.TaskId.of("task-1"), 10, "进展", false, DAY), LEAD_1)
                .expectNoEvents().expectException(denies(AccessRule.TaskProgressByAssigneeLead));
    }

    @Test
    void everyRuleHasATestNamedAfterIt() {
        Set<String> methods = Arrays.stream(AccessRulesTest.class.getDeclaredMethods())
                .filter(m -> m.isAnnotationPresent(Test.class))
                .map(Method::getName)
                .collect(Collectors.toSet());
        for (AccessRule rule : AccessRule.values()) {
            String name = Character.toLowerCase(rule.name().charAt(0)) + rule.name().substring(1);
            assertThat(methods).as("a test named after %s", rule).contains(name);
        }
    }
}
