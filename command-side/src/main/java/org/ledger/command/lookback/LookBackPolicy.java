package org.ledger.command.lookback;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.ledger.kernel.issue.IssueCommands.RegisterIssue;
import org.ledger.kernel.issue.IssueSource;
import org.ledger.kernel.lookback.CheckOutcome;
import org.ledger.kernel.lookback.LookBackEvents.CheckRecorded;
import org.ledger.kernel.rectification.RectificationCommands.ReopenRectification;
import org.springframework.stereotype.Component;

/**
 * Look-back outcomes act through the commands of the items and issues they concern (DESIGN.md §3), so every
 * effect is an event in its own stream: a rebound reopens the item, a new finding registers an issue with
 * source LOOK_BACK. Subscribing, in the check's own transaction: a check whose effect is refused (say, the
 * item was reopened meanwhile) is refused as a whole.
 */
@Component
@ProcessingGroup(LookBackPolicy.NAME)
class LookBackPolicy {

    static final String NAME = "look-back-policy";

    private final CommandGateway commandGateway;

    LookBackPolicy(CommandGateway commandGateway) {
        this.commandGateway = commandGateway;
    }

    @EventHandler
    void on(CheckRecorded event) {
        if (event.outcome() == CheckOutcome.REBOUNDED) {
            commandGateway.sendAndWait(new ReopenRectification(event.rectificationId(), null, event.finding(),
                    event.newDeadline(), event.lookBackId().value(), event.checkedOn()));
        } else if (event.outcome() == CheckOutcome.NEW_ISSUE) {
            commandGateway.sendAndWait(new RegisterIssue(event.newIssueId(), event.newIssueTitle(), event.finding(),
                    IssueSource.LOOK_BACK, "回头看 " + event.lookBackId().value() + " / " + event.rectificationId(),
                    null, null, event.responsibleUnitId(), event.raisedByUnitId(), event.checkedOn(), null));
        }
    }
}
