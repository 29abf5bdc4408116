package org.ledger.kernel.lookback;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.ledger.kernel.issue.IssueId;
import org.ledger.kernel.rectification.RectificationId;
import org.ledger.kernel.unit.ReferencesUnits;
import org.ledger.kernel.unit.UnitId;

/** Commands of the {@code LookBack} aggregate (回头看). */
public final class LookBackCommands {

    private LookBackCommands() {
    }

    /**
     * Opens a campaign over the items of {@code unitIds} (and their subtrees) closed between {@code closedFrom}
     * and {@code closedTo}. {@code samplingValue} is the count or the percentage; ignored for ALL.
     */
    public record OpenLookBack(
            @TargetAggregateIdentifier LookBackId lookBackId,
            String name,
            List<UnitId> unitIds,
            LocalDate closedFrom,
            LocalDate closedTo,
            SamplingMode samplingMode,
            int samplingValue,
            long seed) implements ReferencesUnits {

        @Override
        public List<UnitId> referencedUnits() {
            return new ArrayList<>(unitIds);
        }
    }

    /**
     * Draws the sample from every item closed in the campaign's scope at the moment of the draw; the campaign
     * draws deterministically from those candidates and its seed.
     */
    public record DrawSample(
            @TargetAggregateIdentifier LookBackId lookBackId,
            @TargetAggregateVersion Long expectedVersion) {
    }

    /**
     * Records the check of one sampled item. For REBOUNDED, {@code newDeadline} is the reopened item's deadline;
     * for NEW_ISSUE, {@code newIssueId}, {@code newIssueTitle}, {@code responsibleUnitId} (the item's owner) and
     * {@code raisedByUnitId} (the checker's unit) describe the issue to register.
     */
    public record RecordCheck(
            @TargetAggregateIdentifier LookBackId lookBackId,
            @TargetAggregateVersion Long expectedVersion,
            RectificationId rectificationId,
            CheckOutcome outcome,
            String finding,
            LocalDate newDeadline,
            IssueId newIssueId,
            String newIssueTitle,
            UnitId responsibleUnitId,
            UnitId raisedByUnitId,
            LocalDate checkedOn) {
    }

    public record CompleteLookBack(
            @TargetAggregateIdentifier LookBackId lookBackId,
            @TargetAggregateVersion Long expectedVersion,
            String summary) {
    }
}
