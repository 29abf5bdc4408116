package org.ledger.query.unit;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import org.ledger.kernel.unit.UnitKind;
import org.ledger.kernel.unit.UnitStatus;

/** A unit in the tree answer, with its children nested. */
@Schema(name = "UnitNode", description = "An organisation unit (组织单位) with its child units")
public record UnitNode(
        @Schema(description = "Unit id", example = "sqdw") String id,
        @Schema(description = "Sequence number of the last event applied; send it back as If-Match", example = "0")
        long version,
        @Schema(description = "Status: ACTIVE 存续, DISSOLVED 已撤销", example = "ACTIVE") UnitStatus status,
        @Schema(description = "Name", example = "某社区党委") String name,
        @Schema(description = "Kind: WORKING_COMMITTEE 街工委, COMMUNITY_COMMITTEE 社区党委, BRANCH 党支部, "
                + "GROUP 党小组", example = "COMMUNITY_COMMITTEE") UnitKind kind,
        @Schema(description = "Parent unit; null for a root", example = "jgw") String parentId,
        @Schema(description = "Child units, sorted by name") List<UnitNode> children) {
}
