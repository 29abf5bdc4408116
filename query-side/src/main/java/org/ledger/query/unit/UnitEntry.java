package org.ledger.query.unit;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import org.ledger.kernel.unit.UnitKind;
import org.ledger.kernel.unit.UnitStatus;

/** One organisation unit as the API shows it. */
@Schema(name = "UnitEntry", description = "An organisation unit (组织单位)")
public record UnitEntry(
        @Schema(description = "Unit id", example = "branch-1") String id,
        @Schema(description = "Sequence number of the last event applied; send it back as If-Match", example = "0")
        long version,
        @Schema(description = "Status: ACTIVE 存续, DISSOLVED 已撤销", example = "ACTIVE") UnitStatus status,
        @Schema(description = "Name", example = "第一党支部") String name,
        @Schema(description = "Kind: WORKING_COMMITTEE 街工委, COMMUNITY_COMMITTEE 社区党委, BRANCH 党支部, "
                + "GROUP 党小组", example = "BRANCH") UnitKind kind,
        @Schema(description = "Parent unit; null for a root", example = "sqdw") String parentId,
        @Schema(description = "Ancestors, nearest first", example = "[\"sqdw\", \"jgw\"]")
        List<String> ancestorIds,
        @Schema(description = "Why the unit was dissolved; null unless DISSOLVED") String dissolutionReason,
        @Schema(description = "When the unit was registered", example = "2026-01-05T08:30:00Z") Instant registeredAt,
        @Schema(description = "When the unit last changed", example = "2026-03-01T02:00:00Z") Instant updatedAt) {

    static UnitEntry of(UnitRow row, List<String> ancestors) {
        return new UnitEntry(row.getUnitId(), row.getVersion(),
                row.isDissolved() ? UnitStatus.DISSOLVED : UnitStatus.ACTIVE, row.getName(), row.getKind(),
                row.getParentId(), ancestors, row.getDissolutionReason(), row.getRegisteredAt(), row.getUpdatedAt());
    }
}
