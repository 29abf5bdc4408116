package org.ledger.command.issue;

import org.ledger.kernel.Rule;

/** The business rules of an issue (DESIGN.md §3), each with its name and its words. */
public enum IssueRule implements Rule {

    DismissedIssueIsClosed("a dismissed issue takes no further changes"),
    AcknowledgeOnlyOnce("an issue is acknowledged once, while it waits for acknowledgement"),
    RootCauseNeedsAcknowledgement("the root cause is recorded after the responsible unit has acknowledged the issue"),
    RevisionMustChangeRootCause("a revised root cause must differ from the current analysis"),
    RectificationNeedsAcknowledgement(
            "rectification is planned after the responsible unit has acknowledged the issue"),
    NoRectificationForDismissedIssue("no rectification can be planned for a dismissed issue"),
    DeadlineNotInPast("a rectification deadline must not lie before the day it is set"),
    DismissalOnlyByRaisingSide("only the unit that raised an issue can dismiss it"),
    DismissalOnlyBeforeRectification("an issue that has rectification items cannot be dismissed"),
    UnknownRectificationItem("the rectification item does not belong to this issue");

    private final String description;

    IssueRule(String description) {
        this.description = description;
    }

    @Override
    public String description() {
        return description;
    }
}
