package org.ledger.command.rectification;

import org.ledger.kernel.Rule;

/** The business rules of a rectification item (DESIGN.md §3), each with its name and its words. */
public enum RectificationRule implements Rule {

    DeadlineNotInPast("a deadline must not lie before the day it is set"),
    PlanRevisableOnlyBeforeApproval("a plan can be revised only while it waits for approval or was returned"),
    PlanMustAwaitApproval("a plan is approved or returned only while it waits for approval"),
    ProgressOnlyWhileInProgress("progress is reported only while the item is in progress or ongoing"),
    ClosedItemIsFinal("a closed item takes no changes until it is reopened"),
    EvidenceIdUnique("an evidence id is attached to an item only once"),
    EvidenceMustBeAttached("referenced evidence must first be attached to this item"),
    ExtensionOnlyWhileInProgress("an extension is requested only while the item is in progress"),
    ExtensionBeforeDeadline("an extension must be requested before the deadline has passed"),
    ExtensionMustMoveDeadlineLater("an extended deadline must lie after the current deadline"),
    OneExtensionPendingAtATime("an item has at most one pending extension request"),
    UnknownExtensionRequest("there is no pending extension request with this id"),
    NoSelfDecisionOnExtension("nobody approves or rejects their own extension request"),
    ClosureOnlyWhileInProgress("closure is requested only while the item is in progress or ongoing"),
    ClosureNeedsEvidence("a closure request needs at least one piece of evidence"),
    VerificationNeedsClosureRequest("an item is verified only after its closure was requested"),
    VerifierMustNotBeRequester("the verifier of a closure must not be the person who requested it"),
    OngoingOnlyForLongTerm("only a long-term measure can be verified as ongoing"),
    ReopenOnlyClosed("only a closed or ongoing item can be reopened");

    private final String description;

    RectificationRule(String description) {
        this.description = description;
    }

    @Override
    public String description() {
        return description;
    }
}
