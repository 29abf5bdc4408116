package org.ledger.command.issue;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.ledger.kernel.issue.IssueCommands.RecordRectificationOutcome;
import org.ledger.kernel.rectification.RectificationEvents.RectificationClosed;
import org.ledger.kernel.rectification.RectificationEvents.RectificationDeclaredOngoing;
import org.ledger.kernel.rectification.RectificationEvents.RectificationReopened;
import org.ledger.kernel.rectification.RectificationOutcome;
import org.springframework.stereotype.Component;

/**
 * Issue status follows its items (DESIGN.md §3): when an item is closed, declared ongoing or reopened, the
 * issue is told through a command, so that its own status change is an event of its own.
 *
 * <p>It runs in a subscribing processor ({@value #NAME}), inside the transaction of the command that closed or
 * reopened the item: the item's change and the issue's reaction are stored together or not at all.
 */
@Component
@ProcessingGroup(IssueStatusPolicy.NAME)
class IssueStatusPolicy {

    static final String NAME = "issue-status-policy";

    private final CommandGateway commandGateway;

    IssueStatusPolicy(CommandGateway commandGateway) {
        this.commandGateway = commandGateway;
    }

    @EventHandler
    void on(RectificationClosed event) {
        commandGateway.sendAndWait(new RecordRectificationOutcome(event.issueId(), event.rectificationId(),
                RectificationOutcome.CLOSED, null));
    }

    @EventHandler
    void on(RectificationDeclaredOngoing event) {
        commandGateway.sendAndWait(new RecordRectificationOutcome(event.issueId(), event.rectificationId(),
                RectificationOutcome.ONGOING, null));
    }

    @EventHandler
    void on(RectificationReopened event) {
        commandGateway.sendAndWait(new RecordRectificationOutcome(event.issueId(), event.rectificationId(),
                RectificationOutcome.REOPENED, event.reason()));
    }
}
