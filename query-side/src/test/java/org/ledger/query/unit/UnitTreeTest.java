package org.ledger.query.unit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ledger.kernel.issue.IssueEvents.IssueRegistered;
import org.ledger.kernel.issue.IssueId;
import org.ledger.kernel.issue.IssueSource;
import org.ledger.kernel.issue.Severity;
import org.ledger.kernel.rectification.RectificationEvents.RectificationPlanned;
import org.ledger.kernel.rectification.RectificationId;
import org.ledger.kernel.rectification.RectificationType;
import org.ledger.kernel.unit.UnitEvents.UnitDissolved;
import org.ledger.kernel.unit.UnitEvents.UnitMoved;
import org.ledger.kernel.unit.UnitEvents.UnitRegistered;
import org.ledger.kernel.unit.UnitEvents.UnitRenamed;
import org.ledger.kernel.unit.UnitId;
import org.ledger.kernel.unit.UnitKind;
import org.ledger.kernel.unit.UnitStatus;
import org.ledger.query.support.RememberedIds;
import org.ledger.query.QueryTestApplication;
import org.ledger.query.issue.IssueLedgerEntry;
import org.ledger.query.issue.IssueLedgerFilter;
import org.ledger.query.issue.IssueLedgerProjection;
import org.ledger.query.issue.IssueLedgerQueries;
import org.ledger.query.issue.IssueLedgerTable;
import org.ledger.query.rectification.RectificationLedgerEntry;
import org.ledger.query.rectification.RectificationLedgerFilter;
import org.ledger.query.rectification.RectificationLedgerProjection;
import org.ledger.query.rectification.RectificationLedgerTable;
import org.ledger.query.rectification.RectificationLedgerQueries;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.orm.jpa.DataJpaTest;
import org.springframework.context.annotation.Import;

/**
 * The unit tree projection, the query side's {@link UnitTree}, the tree answer, and the ledgers' "unit including
 * its subtree" filters, over the real Flyway schema.
 *
 * <pre>
 * jgw ── sqdw ─┬─ branch-1 ── group-1
 *              └─ branch-2
 * </pre>
 */
@DataJpaTest
@Import({UnitTreeProjection.class, UnitTree.class, RememberedIds.class, UnitQueries.class, IssueLedgerProjection.class,
        IssueLedgerTable.class, IssueLedgerQueries.class, RectificationLedgerProjection.class,
        RectificationLedgerTable.class,
        RectificationLedgerQueries.class,
        QueryTestApplication.FixedClock.class, QueryTestApplication.ReadEverything.class})
class UnitTreeTest {

    static final Instant T0 = Instant.parse("2024-04-01T08:00:00Z");
    static final Instant T1 = Instant.parse("2024-05-01T08:00:00Z");

    @Autowired
    UnitTreeProjection projection;
    @Autowired
    UnitTree tree;
    @Autowired
    UnitQueries units;
    @Autowired
    IssueLedgerProjection issues;
    @Autowired
    IssueLedgerQueries issueLedger;
    @Autowired
    RectificationLedgerProjection items;
    @Autowired
    RectificationLedgerQueries rectificationLedger;

    @BeforeEach
    void setUp() {
        register("jgw", "街工委", UnitKind.WORKING_COMMITTEE, null);
        register("sqdw", "社区党委", UnitKind.COMMUNITY_COMMITTEE, "jgw");
        register("branch-1", "第一党支部", UnitKind.BRANCH, "sqdw");
        register("branch-2", "第二党支部", UnitKind.BRANCH, "sqdw");
        register("group-1", "第一党小组", UnitKind.GROUP, "branch-1");
    }

    private void register(String id, String name, UnitKind kind, String parent) {
        projection.on(new UnitRegistered(UnitId.of(id), name, kind, parent == null ? null : UnitId.of(parent)),
                0, T0);
    }

    @Test
    void subtreeHoldsTheUnitAndAllItsDescendants() {
        assertThat(tree.subtree("sqdw", null)).containsExactlyInAnyOrder("sqdw", "branch-1", "branch-2", "group-1");
        assertThat(tree.subtree("branch-1", null)).containsExactlyInAnyOrder("branch-1", "group-1");
        assertThat(tree.subtree("group-1", null)).containsExactly("group-1");
        assertThat(tree.subtree("unknown", null)).containsExactly("unknown");
        assertThat(tree.ancestors("group-1", null)).containsExactly("branch-1", "sqdw", "jgw");
        assertThat(tree.ancestors("jgw", null)).isEmpty();
    }

    @Test
    void aMoveChangesTheSubtreeFromItsInstantOn() {
        projection.on(new UnitMoved(UnitId.of("group-1"), UnitId.of("branch-1"), UnitId.of("branch-2")), 1, T1);

        assertThat(tree.subtree("branch-2", null)).containsExactlyInAnyOrder("branch-2", "group-1");
        assertThat(tree.subtree("branch-1", null)).containsExactly("branch-1");
        // as of before the move, group-1 was still under branch-1
        assertThat(tree.subtree("branch-1", T1.minusSeconds(1))).containsExactlyInAnyOrder("branch-1", "group-1");
        // a replayed event changes nothing
        projection.on(new UnitMoved(UnitId.of("group-1"), UnitId.of("branch-1"), UnitId.of("branch-2")), 1, T1);
        assertThat(units.find("group-1", null)).get()
                .satisfies(entry -> assertThat(entry.version()).isEqualTo(1))
                .satisfies(entry -> assertThat(entry.ancestorIds()).containsExactly("branch-2", "sqdw", "jgw"));
    }

    @Test
    void theTreeNestsChildrenAndLeavesDissolvedUnitsOutByDefault() {
        projection.on(new UnitRenamed(UnitId.of("branch-2"), "第二党支部", "第二党支部（已合并）"), 1, T1);
        projection.on(new UnitDissolved(UnitId.of("branch-2"), "合并"), 2, T1);

        List<UnitNode> active = units.tree(false, null);
        assertThat(active).hasSize(1);
        UnitNode sqdw = active.get(0).children().get(0);
        assertThat(sqdw.id()).isEqualTo("sqdw");
        assertThat(sqdw.children()).extracting(UnitNode::id).containsExactly("branch-1");
        assertThat(sqdw.children().get(0).children()).extracting(UnitNode::id).containsExactly("group-1");

        List<UnitNode> all = units.tree(true, null);
        UnitNode dissolved = all.get(0).children().get(0).children().stream()
                .filter(node -> node.id().equals("branch-2")).findFirst().orElseThrow();
        assertThat(dissolved.status()).isEqualTo(UnitStatus.DISSOLVED);
        assertThat(dissolved.name()).isEqualTo("第二党支部（已合并）");
        assertThat(units.find("branch-2", null)).get().extracting(UnitEntry::dissolutionReason).isEqualTo("合并");
        assertThat(units.find("branch-2", T0)).get().extracting(UnitEntry::status).isEqualTo(UnitStatus.ACTIVE);
    }

    @Test
    void theLedgersUnitFilterIncludesTheSubtree() {
        issue("i-sqdw", "sqdw");
        issue("i-b1", "branch-1");
        issue("i-g1", "group-1");
        issue("i-b2", "branch-2");
        item("r-b1", "i-b1", "branch-1");
        item("r-g1", "i-g1", "group-1");
        item("r-b2", "i-b2", "branch-2");

        assertThat(issueIds("branch-1")).containsExactlyInAnyOrder("i-b1", "i-g1");
        assertThat(issueIds("sqdw")).containsExactlyInAnyOrder("i-sqdw", "i-b1", "i-g1", "i-b2");
        assertThat(issueIds("group-1")).containsExactly("i-g1");
        assertThat(itemIds("branch-1")).containsExactlyInAnyOrder("r-b1", "r-g1");
        assertThat(itemIds("jgw")).containsExactlyInAnyOrder("r-b1", "r-g1", "r-b2");
        assertThat(itemIds("branch-2")).containsExactly("r-b2");
    }

    private void issue(String id, String unit) {
        issues.on(new IssueRegistered(IssueId.of(id), "问题 " + id, "描述", IssueSource.INSPECTION, null, null,
                Severity.MINOR, UnitId.of(unit), UnitId.of("jgw"), LocalDate.of(2024, 4, 1), null), 0, T0);
    }

    private void item(String id, String issue, String unit) {
        items.on(new RectificationPlanned(RectificationId.of(id), IssueId.of(issue), "整改措施", RectificationType.IMMEDIATE,
                UnitId.of(unit), "王敏", null, LocalDate.of(2024, 6, 30), null, "secretary",
                LocalDate.of(2024, 4, 12)), 0, T0);
    }

    private List<String> issueIds(String unit) {
        return issueLedger.list(new IssueLedgerFilter(unit, null, null, null, null, null, null),
                IssueLedgerQueries.PAGING.pageable(0, 50, null), null).content().stream()
                .map(IssueLedgerEntry::id).toList();
    }

    private List<String> itemIds(String unit) {
        return rectificationLedger.list(new RectificationLedgerFilter(unit, null, null, null, null, null, null, null,
                        null), RectificationLedgerQueries.PAGING.pageable(0, 50, null), null).content().stream()
                .map(RectificationLedgerEntry::id).toList();
    }
}
