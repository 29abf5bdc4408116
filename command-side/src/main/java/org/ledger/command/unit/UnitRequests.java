package org.ledger.command.unit;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.ledger.command.support.FreeText;
import org.ledger.kernel.Ids;
import org.ledger.kernel.unit.UnitKind;

/** Request bodies of the unit endpoints: the structural checks (blank, length, format) live here. */
final class UnitRequests {

    private UnitRequests() {
    }

    @Schema(description = "Registers an organisation unit (登记组织单位)")
    record RegisterUnitRequest(
            @Schema(description = "client-chosen id, so that a retried create is harmless; generated when absent",
                    example = "branch-1")
            @Pattern(regexp = Ids.PATTERN) String id,
            @Schema(description = "the unit's name", example = "第一党支部") @FreeText @NotBlank @Size(max = 200) String name,
            @Schema(description = "the unit's kind", example = "BRANCH") @NotNull UnitKind kind,
            @Schema(description = "the parent unit; absent only for a working committee at the root",
                    example = "sqdw")
            @Pattern(regexp = Ids.PATTERN) String parentId) {
    }

    @Schema(description = "Renames the unit")
    record RenameUnitRequest(
            @Schema(description = "the new name", example = "第一党支部（机关）") @FreeText @NotBlank @Size(max = 200) String name) {
    }

    @Schema(description = "Moves the unit, with its subtree, under another parent")
    record MoveUnitRequest(
            @Schema(description = "the new parent; absent or null makes a working committee a root",
                    example = "sqdw")
            @Pattern(regexp = Ids.PATTERN) String parentId) {
    }

    @Schema(description = "Dissolves the unit (撤销); only a unit without active child units")
    record DissolutionRequest(
            @Schema(description = "why the unit is dissolved", example = "党支部合并，撤销原建制")
            @FreeText @NotBlank @Size(max = 2000) String reason) {
    }
}
