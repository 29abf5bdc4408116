package org.ledger.command.lookback;

import org.ledger.kernel.Rule;

/** The business rules of a look-back campaign (回头看), each with its name and its words. */
public enum LookBackRule implements Rule {

    ClosedPeriodOrdered("the closed-in period must not end before it starts"),
    SamplingRuleValid("a sample is all items, a count of at least one, or a percentage from 1 to 100"),
    SampleDrawnOnce("a campaign draws its sample once"),
    CompletedLookBackIsClosed("a completed look-back takes no further changes"),
    CheckOnlySampledItems("only an item of the drawn sample can be checked"),
    EachItemCheckedOnce("each sampled item is checked once"),
    ReboundNeedsNewDeadline("a rebounded item is reopened with a new deadline after the check"),
    NewIssueNeedsResponsibleUnit("a new issue found by a check names the unit responsible for it"),
    CompletionNeedsEveryCheck("a look-back is completed once every sampled item is checked");

    private final String description;

    LookBackRule(String description) {
        this.description = description;
    }

    @Override
    public String description() {
        return description;
    }
}
