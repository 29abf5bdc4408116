package org.ledger.command.issue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoMoreInteractions;
import static org.mockito.Mockito.when;

import java.time.LocalDate;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ledger.kernel.RuleViolation;
import org.ledger.kernel.issue.IssueCommands.RecordRectificationOutcome;
import org.ledger.kernel.issue.IssueId;
import org.ledger.kernel.rectification.RectificationEvents.ClosureReturned;
import org.ledger.kernel.rectification.RectificationEvents.RectificationClosed;
import org.ledger.kernel.rectification.RectificationEvents.RectificationDeclaredOngoing;
import org.ledger.kernel.rectification.RectificationEvents.RectificationReopened;
import org.ledger.kernel.rectification.RectificationId;
import org.ledger.kernel.rectification.RectificationOutcome;

/** The issue-status policy tells the issue what happened to one of its items, through a command. */
class IssueStatusPolicyTest {

    static final IssueId ISSUE = IssueId.of("issue-1");
    static final RectificationId ITEM = RectificationId.of("rect-1");
    static final LocalDate TODAY = LocalDate.of(2025, 5, 15);

    private CommandGateway gateway;
    private IssueStatusPolicy policy;

    @BeforeEach
    void setUp() {
        gateway = mock(CommandGateway.class);
        policy = new IssueStatusPolicy(gateway);
    }

    @Test
    void closedItemIsRecordedAsClosed() {
        policy.on(new RectificationClosed(ITEM, ISSUE, "核查属实，同意销号", "supervisor", TODAY));

        verify(gateway).sendAndWait(new RecordRectificationOutcome(ISSUE, ITEM, RectificationOutcome.CLOSED, null));
        verifyNoMoreInteractions(gateway);
    }

    @Test
    void ongoingItemIsRecordedAsOngoing() {
        policy.on(new RectificationDeclaredOngoing(ITEM, ISSUE, "长效机制已建立", "supervisor", TODAY));

        verify(gateway).sendAndWait(new RecordRectificationOutcome(ISSUE, ITEM, RectificationOutcome.ONGOING, null));
        verifyNoMoreInteractions(gateway);
    }

    @Test
    void reopenedItemIsRecordedAsReopenedWithTheReason() {
        policy.on(new RectificationReopened(ITEM, ISSUE, "回头看发现问题反弹", TODAY.plusMonths(2), "lb-1", "supervisor",
                TODAY));

        verify(gateway).sendAndWait(
                new RecordRectificationOutcome(ISSUE, ITEM, RectificationOutcome.REOPENED, "回头看发现问题反弹"));
        verifyNoMoreInteractions(gateway);
    }

    @Test
    void aRefusalOfTheIssueFailsTheHandler() {
        // the policy runs in the closing command's transaction; a refusal must not be swallowed
        when(gateway.sendAndWait(any())).thenThrow(new RuleViolation(IssueRule.UnknownRectificationItem));

        assertThatThrownBy(() -> policy.on(new RectificationClosed(ITEM, ISSUE, "同意销号", "supervisor", TODAY)))
                .isInstanceOf(RuleViolation.class);
    }

    @Test
    void handlesExactlyTheThreeOutcomeEvents() {
        // a returned closure request changes nothing the issue counts
        assertThat(java.util.Arrays.stream(IssueStatusPolicy.class.getDeclaredMethods())
                .filter(m -> m.isAnnotationPresent(org.axonframework.eventhandling.EventHandler.class))
                .map(m -> m.getParameterTypes()[0]))
                .containsExactlyInAnyOrder(RectificationClosed.class, RectificationDeclaredOngoing.class,
                        RectificationReopened.class)
                .doesNotContain(ClosureReturned.class);
    }
}
