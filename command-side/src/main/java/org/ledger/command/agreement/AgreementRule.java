package org.ledger.command.agreement;

import org.ledger.kernel.Rule;

/** The business rules of a responsibility agreement (DESIGN.md §3), each with its name and its words. */
public enum AgreementRule implements Rule {

    PeriodEndsAfterStart("an agreement's period must end after it starts"),
    PartiesDiffer("the issuer and the responsible unit of an agreement must be different units"),
    FullScorePositive("an agreement's full score must be positive"),
    ItemIdUnique("an item id is used once in an agreement, also after the item was removed"),
    KnownItem("the agreement has no such item"),
    WeightPositive("an item's weight must be positive"),
    ItemsChangeOnlyWhileDraftOrByAmendment(
            "items change while the agreement is drafted, or by amendment while it is in force and not yet assessed"),
    AmendmentNeedsReason("once a party has signed, a change of items or tasks is an amendment and needs a reason"),
    ItemRemovedOnlyWithoutTasks("an item is removed only after its tasks were cancelled"),
    SigningNeedsItems("an agreement is signed only when it has at least one item"),
    WeightsSumToFullScore("the item weights must add up to the agreement's full score when it is signed or assessed"),
    EachPartySignsOnce("each party signs an agreement once"),
    TaskIdUnique("a task id is used once in an agreement, also after the task was cancelled"),
    TaskForKnownItem("a task carries out an item of its own agreement"),
    KnownTask("the agreement has no such task (or it was cancelled)"),
    TaskDueWithinPeriod("a task is due within the agreement's period"),
    ProgressOnlyAfterSigning("task progress is reported only once the agreement is in force"),
    ProgressPercentInRange("progress is a percentage from 0 to 100"),
    CompletedTaskIsFinal("a completed task takes no further progress, change or cancellation"),
    AssessmentOnlyAfterSigning("an agreement is assessed only once it is in force"),
    AssessmentCoversEveryItem("an assessment scores every item of the agreement exactly once, and nothing else"),
    ScoreWithinWeight("an item's score lies between 0 and the item's weight"),
    ReassessmentNeedsReason("an agreement is assessed once; a re-assessment needs a reason"),
    ArchiveOnlyInForce("only an agreement in force can be archived"),
    ArchivedAgreementIsClosed("an archived agreement takes no further changes");

    private final String description;

    AgreementRule(String description) {
        this.description = description;
    }

    @Override
    public String description() {
        return description;
    }
}
