package org.ledger.kernel.issue;

import java.time.LocalDate;
import org.axonframework.serialization.Revision;
import org.ledger.kernel.rectification.RectificationId;
import org.ledger.kernel.rectification.RectificationOutcome;
import org.ledger.kernel.unit.UnitId;

/** Events of the {@code Issue} aggregate. Every event has a {@link Revision} so that its stored form can evolve. */
public final class IssueEvents {

    private IssueEvents() {
    }

    @Revision("1")
    public record IssueRegistered(
            IssueId issueId,
            String title,
            String description,
            IssueSource source,
            String sourceReference,
            String category,
            Severity severity,
            UnitId responsibleUnitId,
            UnitId raisedByUnitId,
            LocalDate foundOn,
            ResponsibilityItemRef responsibilityItem) {
    }

    @Revision("1")
    public record IssueAcknowledged(IssueId issueId, String acknowledgedBy, String note) {
    }

    /** A root-cause analysis (原因分析); {@code revision} counts from 1, earlier revisions stay in the stream. */
    @Revision("1")
    public record RootCauseRecorded(IssueId issueId, int revision, String analysis) {
    }

    @Revision("1")
    public record IssueDismissed(IssueId issueId, String reason, String dismissedBy) {
    }

    /** A rectification item was planned for the issue; the item's own stream starts with {@code RectificationPlanned}. */
    @Revision("1")
    public record RectificationItemAdded(IssueId issueId, RectificationId rectificationId) {
    }

    @Revision("1")
    public record RectificationOutcomeRecorded(IssueId issueId, RectificationId rectificationId,
                                               RectificationOutcome outcome) {
    }

    /** Every item of the issue is closed, or ongoing for long-term items. */
    @Revision("1")
    public record IssueResolved(IssueId issueId) {
    }

    /** A look-back (or a supervisor) reopened one of the items of a resolved issue. */
    @Revision("1")
    public record IssueReopened(IssueId issueId, RectificationId rectificationId, String reason) {
    }
}
