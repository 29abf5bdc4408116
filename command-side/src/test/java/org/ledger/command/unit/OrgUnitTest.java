package org.ledger.command.unit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ledger.command.RuleMatchers.actor;
import static org.ledger.command.RuleMatchers.violates;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.ledger.command.access.AccessFixtures;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ledger.command.unit.registry.RegisteredUnit;
import org.ledger.command.unit.registry.UnitReferenceCheck;
import org.ledger.kernel.unit.UnitCommands.DissolveUnit;
import org.ledger.kernel.unit.UnitCommands.MoveUnit;
import org.ledger.kernel.unit.UnitCommands.RegisterUnit;
import org.ledger.kernel.unit.UnitCommands.RenameUnit;
import org.ledger.kernel.unit.UnitEvents.UnitDissolved;
import org.ledger.kernel.unit.UnitEvents.UnitMoved;
import org.ledger.kernel.unit.UnitEvents.UnitRegistered;
import org.ledger.kernel.unit.UnitEvents.UnitRenamed;
import org.ledger.kernel.unit.UnitId;
import org.ledger.kernel.unit.UnitKind;

/**
 * The organisation unit aggregate: one test per {@link UnitRule}, named after it, plus the paths users walk. The
 * fixture's command bus carries the real {@link UnitReferenceCheck} over an in-memory registry.
 */
class OrgUnitTest {

    static final UnitId JGW = UnitId.of("jgw");
    static final UnitId SQDW = UnitId.of("sqdw");
    static final UnitId BRANCH = UnitId.of("branch-1");
    static final UnitId GROUP = UnitId.of("group-1");
    static final Map<String, Object> SUPERVISOR = actor("supervisor", "jgw");

    /** The registry as the check sees it. */
    private final Map<UnitId, RegisteredUnit> registry = new HashMap<>();
    private FixtureConfiguration<OrgUnit> fixture;

    @BeforeEach
    void setUp() {
        fixture = AccessFixtures.install(new AggregateTestFixture<>(OrgUnit.class));
        fixture.registerCommandHandlerInterceptor(
                new UnitReferenceCheck(id -> Optional.ofNullable(registry.get(id))));
        known(JGW, null, UnitKind.WORKING_COMMITTEE, false);
        known(SQDW, JGW, UnitKind.COMMUNITY_COMMITTEE, false);
    }

    private void known(UnitId id, UnitId parent, UnitKind kind, boolean dissolved) {
        registry.put(id, new RegisteredUnit(id, parent, kind, id.value(), dissolved));
    }

    private static UnitRegistered branchRegistered() {
        return new UnitRegistered(BRANCH, "第一党支部", UnitKind.BRANCH, SQDW);
    }

    @Test
    void registersAUnitUnderAFittingParent() {
        fixture.givenNoPriorActivity()
                .when(new RegisterUnit(BRANCH, "第一党支部", UnitKind.BRANCH, SQDW, UnitKind.COMMUNITY_COMMITTEE),
                        SUPERVISOR)
                .expectSuccessfulHandlerExecution()
                .expectEvents(branchRegistered());
    }

    @Test
    void aWorkingCommitteeMayBeARoot() {
        fixture.givenNoPriorActivity()
                .when(new RegisterUnit(JGW, "某街道党工委", UnitKind.WORKING_COMMITTEE, null, null))
                .expectEvents(new UnitRegistered(JGW, "某街道党工委", UnitKind.WORKING_COMMITTEE, null));
    }

    @Test
    void kindFitsParent() {
        // a branch directly under the working committee
        fixture.givenNoPriorActivity()
                .when(new RegisterUnit(BRANCH, "第一党支部", UnitKind.BRANCH, JGW, UnitKind.WORKING_COMMITTEE))
                .expectException(violates(UnitRule.KindFitsParent))
                .expectNoEvents();
        // only a working committee may be a root
        fixture.givenNoPriorActivity()
                .when(new RegisterUnit(SQDW, "社区党委", UnitKind.COMMUNITY_COMMITTEE, null, null))
                .expectException(violates(UnitRule.KindFitsParent));
        // a group must be under a branch, also when moved
        fixture.given(new UnitRegistered(GROUP, "第一党小组", UnitKind.GROUP, BRANCH))
                .when(new MoveUnit(GROUP, null, SQDW, UnitKind.COMMUNITY_COMMITTEE, List.of(JGW)))
                .expectException(violates(UnitRule.KindFitsParent))
                .expectNoEvents();
    }

    @Test
    void noCycles() {
        UnitId jgw2 = UnitId.of("jgw-2");
        known(jgw2, JGW, UnitKind.WORKING_COMMITTEE, false);
        // jgw under its own descendant jgw-2
        fixture.given(new UnitRegistered(JGW, "街工委", UnitKind.WORKING_COMMITTEE, null))
                .when(new MoveUnit(JGW, null, jgw2, UnitKind.WORKING_COMMITTEE, List.of(JGW)))
                .expectException(violates(UnitRule.NoCycles))
                .expectNoEvents();
        // under itself
        fixture.given(new UnitRegistered(JGW, "街工委", UnitKind.WORKING_COMMITTEE, null))
                .when(new MoveUnit(JGW, null, JGW, UnitKind.WORKING_COMMITTEE, List.of()))
                .expectException(violates(UnitRule.NoCycles));
    }

    @Test
    void moveMustChangeParent() {
        fixture.given(branchRegistered())
                .when(new MoveUnit(BRANCH, null, SQDW, UnitKind.COMMUNITY_COMMITTEE, List.of(JGW)))
                .expectException(violates(UnitRule.MoveMustChangeParent));
    }

    @Test
    void movesAUnitUnderAnotherFittingParent() {
        UnitId sqdw2 = UnitId.of("sqdw-2");
        known(sqdw2, JGW, UnitKind.COMMUNITY_COMMITTEE, false);
        fixture.given(branchRegistered())
                .when(new MoveUnit(BRANCH, 0L, sqdw2, UnitKind.COMMUNITY_COMMITTEE, List.of(JGW)))
                .expectEvents(new UnitMoved(BRANCH, SQDW, sqdw2));
    }

    @Test
    void dissolvedUnitIsClosed() {
        known(UnitId.of("sqdw-2"), JGW, UnitKind.COMMUNITY_COMMITTEE, false);
        fixture.given(branchRegistered(), new UnitDissolved(BRANCH, "合并"))
                .when(new RenameUnit(BRANCH, null, "新名称"))
                .expectException(violates(UnitRule.DissolvedUnitIsClosed));
        fixture.given(branchRegistered(), new UnitDissolved(BRANCH, "合并"))
                .when(new DissolveUnit(BRANCH, null, "再次撤销", List.of()))
                .expectException(violates(UnitRule.DissolvedUnitIsClosed));
        fixture.given(branchRegistered(), new UnitDissolved(BRANCH, "合并"))
                .when(new MoveUnit(BRANCH, null, UnitId.of("sqdw-2"), UnitKind.COMMUNITY_COMMITTEE, List.of(JGW)))
                .expectException(violates(UnitRule.DissolvedUnitIsClosed));
    }

    @Test
    void dissolveOnlyWithoutActiveChildren() {
        fixture.given(branchRegistered())
                .when(new DissolveUnit(BRANCH, null, "合并", List.of(GROUP)))
                .expectException(violates(UnitRule.DissolveOnlyWithoutActiveChildren))
                .expectNoEvents();
    }

    @Test
    void dissolvesALeaf() {
        fixture.given(branchRegistered())
                .when(new DissolveUnit(BRANCH, 0L, "党支部合并", List.of()))
                .expectEvents(new UnitDissolved(BRANCH, "党支部合并"));
    }

    @Test
    void renameMustChangeName() {
        fixture.given(branchRegistered())
                .when(new RenameUnit(BRANCH, null, "第一党支部"))
                .expectException(violates(UnitRule.RenameMustChangeName));
    }

    @Test
    void renames() {
        fixture.given(branchRegistered())
                .when(new RenameUnit(BRANCH, 0L, "第一党支部（机关）"))
                .expectEvents(new UnitRenamed(BRANCH, "第一党支部", "第一党支部（机关）"));
    }

    @Test
    void unitMustBeActive() {
        // an unknown parent
        fixture.givenNoPriorActivity()
                .when(new RegisterUnit(BRANCH, "第一党支部", UnitKind.BRANCH, UnitId.of("nowhere"), null))
                .expectException(violates(UnitRule.UnitMustBeActive))
                .expectNoEvents();
        // a dissolved parent, also as a move target
        UnitId closed = UnitId.of("sqdw-closed");
        known(closed, JGW, UnitKind.COMMUNITY_COMMITTEE, true);
        fixture.givenNoPriorActivity()
                .when(new RegisterUnit(BRANCH, "第一党支部", UnitKind.BRANCH, closed, UnitKind.COMMUNITY_COMMITTEE))
                .expectException(violates(UnitRule.UnitMustBeActive));
        fixture.given(branchRegistered())
                .when(new MoveUnit(BRANCH, null, closed, UnitKind.COMMUNITY_COMMITTEE, List.of(JGW)))
                .expectException(violates(UnitRule.UnitMustBeActive))
                .expectNoEvents();
    }

    @Test
    void everyRuleHasATestNamedAfterIt() {
        Set<String> methods = Arrays.stream(OrgUnitTest.class.getDeclaredMethods())
                .filter(m -> m.isAnnotationPresent(Test.class))
                .map(Method::getName)
                .collect(Collectors.toSet());
        for (UnitRule rule : UnitRule.values()) {
            String name = Character.toLowerCase(rule.name().charAt(0)) + rule.name().substring(1);
            assertThat(methods).as("a test named after %s", rule).contains(name);
        }
    }
}
