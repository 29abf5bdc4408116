package org.ledger.query.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.ledger.query.unit.UnitTree;

/** Who reads what (DESIGN.md §6), resolved against the query side's unit tree. */
class ReadScopesTest {

    private static ReadScope resolve(String unit, String... roles) {
        UnitTree tree = new UnitTree(null, null) {
            @Override
            public Set<String> subtree(String unitId, java.time.Instant asOf) {
                return switch (unitId) {
                    case "sqdw" -> Set.of("sqdw", "branch-1");
                    default -> Set.of(unitId);
                };
            }
        };
        return new ReadScopes(() -> new Reader("someone", unit, Set.of(roles)), tree).current();
    }

    @Test
    void adminAndAuditorReadEverything() {
        assertThat(resolve("sqdw", "ADMIN").all()).isTrue();
        assertThat(resolve(null, "AUDITOR").all()).isTrue();
        assertThat(resolve("branch-1", "AUDITOR").covers(null)).isTrue();
    }

    @Test
    void supervisorViewerAndLeadReadTheirUnitsSubtree() {
        for (String role : List.of("SUPERVISOR", "VIEWER")) {
            ReadScope scope = resolve("sqdw", role);
            assertThat(scope.units()).containsExactlyInAnyOrder("sqdw", "branch-1");
            assertThat(scope.covers("branch-2")).isFalse();
            assertThat(scope.coversAny("branch-2", "branch-1")).isTrue();
            assertThat(scope.coversAll(List.of("branch-1", "branch-2"))).isFalse();
        }
        assertThat(resolve("branch-1", "UNIT_LEAD").units()).containsExactly("branch-1");
    }

    @Test
    void withoutAReadRoleOrAUnitNothingIsVisible() {
        assertThat(resolve("sqdw").units()).isEmpty();
        assertThat(resolve(null, "SUPERVISOR").units()).isEmpty();
        assertThat(resolve(" ", "VIEWER").covers("sqdw")).isFalse();
        assertThat(ReadScope.nothing().coversAll(List.of())).isFalse();
        assertThat(ReadScope.nothing().covers(null)).isFalse();
    }
}
