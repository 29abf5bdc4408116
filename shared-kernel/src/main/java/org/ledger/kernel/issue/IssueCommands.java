package org.ledger.kernel.issue;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.ledger.kernel.rectification.RectificationId;
import org.ledger.kernel.rectification.RectificationOutcome;
import org.ledger.kernel.rectification.RectificationType;
import org.ledger.kernel.unit.ReferencesUnits;
import org.ledger.kernel.unit.UnitId;

/**
 * Commands of the {@code Issue} aggregate. {@code expectedVersion} is the client's {@code If-Match}
 * (null when it sent none); the actor and the reason travel as metadata.
 */
public final class IssueCommands {

    private IssueCommands() {
    }

    public record RegisterIssue(
            @TargetAggregateIdentifier IssueId issueId,
            String title,
            String description,
            IssueSource source,
            String sourceReference,
            String category,
            Severity severity,
            UnitId responsibleUnitId,
            UnitId raisedByUnitId,
            LocalDate foundOn,
            ResponsibilityItemRef responsibilityItem) implements ReferencesUnits {

        @Override
        public List<UnitId> referencedUnits() {
            return Arrays.asList(responsibleUnitId, raisedByUnitId);
        }
    }

    public record AcknowledgeIssue(
            @TargetAggregateIdentifier IssueId issueId,
            @TargetAggregateVersion Long expectedVersion,
            String note) {
    }

    public record RecordRootCause(
            @TargetAggregateIdentifier IssueId issueId,
            @TargetAggregateVersion Long expectedVersion,
            String analysis) {
    }

    public record DismissIssue(
            @TargetAggregateIdentifier IssueId issueId,
            @TargetAggregateVersion Long expectedVersion,
            String reason) {
    }

    /** Plans a rectification item for the issue; the issue spawns the item's own aggregate. */
    public record PlanRectification(
            @TargetAggregateIdentifier IssueId issueId,
            @TargetAggregateVersion Long expectedVersion,
            RectificationId rectificationId,
            String measure,
            RectificationType type,
            UnitId ownerUnitId,
            String ownerName,
            String leaderName,
            LocalDate deadline,
            String target,
            LocalDate plannedOn) implements ReferencesUnits {

        @Override
        public List<UnitId> referencedUnits() {
            return Arrays.asList(ownerUnitId);
        }
    }

    /** Sent by the issue-status policy when one of the issue's items is closed, ongoing or reopened. */
    public record RecordRectificationOutcome(
            @TargetAggregateIdentifier IssueId issueId,
            RectificationId rectificationId,
            RectificationOutcome outcome,
            String reason) {
    }
}
