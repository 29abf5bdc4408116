package org.ledger.query.audit;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Audit trail", description = "Histories, the audit log and the integrity check of the event store")
class IntegrityController {

    private final IntegrityCheck check;

    IntegrityController(IntegrityCheck check) {
        this.check = check;
    }

    @GetMapping("/api/audit/integrity")
    @Operation(summary = "Check that no stored event was changed or deleted",
            description = "Recomputes the hash chain over the stored events (SHA-256 of each row's canonical form, "
                    + "chained in global-index order) and compares it with the chain recorded as the events were "
                    + "appended. BROKEN names the first event that no longer matches. Events appended in the last "
                    + "moment and not yet recorded are reported as unrecordedEvents, not as broken. Reads the whole "
                    + "event store: run it when needed, not on every page view.")
    @ApiResponse(responseCode = "200", description = "The report, INTACT or BROKEN")
    @ApiResponse(responseCode = "403", description = "Only ADMIN and AUDITOR check integrity")
    // The check reads the whole store and names events of every unit: for those who read everything (DESIGN.md §6).
    @PreAuthorize("hasAnyRole('ADMIN', 'AUDITOR')")
    IntegrityReport integrity() {
        return check.check();
    }
}
