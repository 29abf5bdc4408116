package org.ledger.command.lookback;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.ledger.command.access.AccessRule;
import org.ledger.command.access.ActorScope;
import org.ledger.kernel.MetadataKeys;
import org.ledger.kernel.RuleViolation;
import org.ledger.kernel.lookback.CheckOutcome;
import org.ledger.kernel.lookback.LookBackCommands.CompleteLookBack;
import org.ledger.kernel.lookback.LookBackCommands.OpenLookBack;
import org.ledger.kernel.lookback.LookBackCommands.RecordCheck;
import org.ledger.kernel.lookback.LookBackEvents.CheckRecorded;
import org.ledger.kernel.lookback.LookBackEvents.LookBackCompleted;
import org.ledger.kernel.lookback.LookBackEvents.LookBackOpened;
import org.ledger.kernel.lookback.LookBackEvents.SampleDrawn;
import org.ledger.kernel.lookback.LookBackId;
import org.ledger.kernel.lookback.LookBackStatus;
import org.ledger.kernel.lookback.SamplingMode;
import org.ledger.kernel.rectification.RectificationId;
import org.ledger.kernel.unit.UnitId;

/**
 * A look-back campaign (回头看): re-checks a sample of closed rectification items. The sample is drawn here,
 * deterministically from the candidates and the campaign's recorded seed, so that anyone can draw it again.
 * Its outcomes reopen items or register new issues through their own commands (see {@code LookBackPolicy}).
 */
@Aggregate
public class LookBack {

    @AggregateIdentifier
    private LookBackId lookBackId;
    private LookBackStatus status;
    private Scope scope;
    private SamplingMode samplingMode;
    private int samplingValue;
    private long seed;
    private final Set<RectificationId> sample = new LinkedHashSet<>();
    private final Set<RectificationId> checked = new HashSet<>();
    private int confirmed;
    private int rebounded;
    private int newIssues;

    protected LookBack() {
        // for Axon's event sourcing
    }

    @CommandHandler
    public LookBack(OpenLookBack command, @MetaDataValue(MetadataKeys.USER) String user, ActorScope scope) {
        requireSupervisorOf(command.unitIds(), scope);
        if (command.closedTo().isBefore(command.closedFrom())) {
            throw new RuleViolation(LookBackRule.ClosedPeriodOrdered,
                    command.closedTo() + " is before " + command.closedFrom());
        }
        boolean valid = switch (command.samplingMode()) {
            case ALL -> true;
            case COUNT -> command.samplingValue() >= 1;
            case PERCENT -> command.samplingValue() >= 1 && command.samplingValue() <= 100;
        };
        if (!valid) {
            throw new RuleViolation(LookBackRule.SamplingRuleValid,
                    command.samplingMode() + " " + command.samplingValue());
        }
        apply(new LookBackOpened(command.lookBackId(), command.name(), List.copyOf(command.unitIds()),
                command.closedFrom(), command.closedTo(), command.samplingMode(),
                command.samplingMode() == SamplingMode.ALL ? 0 : command.samplingValue(), command.seed(), user));
    }

    /** What the campaign re-checks: items of these units (and their subtrees) closed within the period. */
    public record Scope(List<UnitId> unitIds, LocalDate closedFrom, LocalDate closedTo) {
    }

    /** The scope, for {@code LookBackSampling} to find the candidates in. */
    public Scope scope() {
        return scope;
    }

    /**
     * Draws the sample ({@code DrawSample} is handled by {@code LookBackSampling}, which finds the candidates:
     * every item closed in scope at this moment, as the command side's registry lists them).
     */
    public void drawSample(List<RectificationId> closedInScope, ActorScope actor) {
        requireSupervisorOf(scope.unitIds(), actor);
        refuseIfCompleted();
        if (status != LookBackStatus.OPENED) {
            throw new RuleViolation(LookBackRule.SampleDrawnOnce);
        }
        List<RectificationId> candidates = new ArrayList<>(new LinkedHashSet<>(closedInScope));
        candidates.sort(Comparator.comparing(RectificationId::value));
        apply(new SampleDrawn(lookBackId, List.copyOf(candidates), draw(candidates, samplingMode, samplingValue, seed),
                seed));
    }

    @CommandHandler
    void handle(RecordCheck command, @MetaDataValue(MetadataKeys.USER) String user, ActorScope actor) {
        requireSupervisorOf(scope.unitIds(), actor);
        refuseIfCompleted();
        if (!sample.contains(command.rectificationId())) {
            throw new RuleViolation(LookBackRule.CheckOnlySampledItems, command.rectificationId().value());
        }
        if (checked.contains(command.rectificationId())) {
            throw new RuleViolation(LookBackRule.EachItemCheckedOnce, command.rectificationId().value());
        }
        if (command.outcome() == CheckOutcome.REBOUNDED
                && (command.newDeadline() == null || !command.newDeadline().isAfter(command.checkedOn()))) {
            throw new RuleViolation(LookBackRule.ReboundNeedsNewDeadline);
        }
        if (command.outcome() == CheckOutcome.NEW_ISSUE && command.responsibleUnitId() == null) {
            throw new RuleViolation(LookBackRule.NewIssueNeedsResponsibleUnit);
        }
        boolean rebound = command.outcome() == CheckOutcome.REBOUNDED;
        boolean newIssue = command.outcome() == CheckOutcome.NEW_ISSUE;
        apply(new CheckRecorded(lookBackId, command.rectificationId(), command.outcome(), command.finding(),
                rebound ? command.newDeadline() : null,
                newIssue ? command.newIssueId() : null,
                newIssue ? command.newIssueTitle() : null,
                newIssue ? command.responsibleUnitId() : null,
                newIssue ? command.raisedByUnitId() : null,
                user, command.checkedOn()));
    }

    @CommandHandler
    void handle(CompleteLookBack command, ActorScope actor) {
        requireSupervisorOf(scope.unitIds(), actor);
        refuseIfCompleted();
        if (status != LookBackStatus.SAMPLED || checked.size() < sample.size()) {
            throw new RuleViolation(LookBackRule.CompletionNeedsEveryCheck,
                    (sample.size() - checked.size()) + " sampled items are not checked");
        }
        apply(new LookBackCompleted(lookBackId, command.summary(), confirmed, rebounded, newIssues));
    }

    /**
     * The draw: a Fisher–Yates shuffle of the sorted candidates with {@code java.util.Random(seed)} (whose
     * sequence the Java specification fixes), then the first {@code k}, answered in id order.
     */
    static List<RectificationId> draw(List<RectificationId> sortedCandidates, SamplingMode mode, int value,
                                      long seed) {
        int size = sortedCandidates.size();
        int k = switch (mode) {
            case ALL -> size;
            case COUNT -> Math.min(value, size);
            case PERCENT -> (int) Math.min(size, Math.ceil(size * value / 100.0));
        };
        List<RectificationId> shuffled = new ArrayList<>(sortedCandidates);
        Random random = new Random(seed);
        for (int i = shuffled.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            RectificationId swap = shuffled.get(i);
            shuffled.set(i, shuffled.get(j));
            shuffled.set(j, swap);
        }
        List<RectificationId> drawn = new ArrayList<>(shuffled.subList(0, k));
        drawn.sort(Comparator.comparing(RectificationId::value));
        return List.copyOf(drawn);
    }

    private void refuseIfCompleted() {
        if (status == LookBackStatus.COMPLETED) {
            throw new RuleViolation(LookBackRule.CompletedLookBackIsClosed);
        }
    }

    @EventSourcingHandler
    void on(LookBackOpened event) {
        lookBackId = event.lookBackId();
        scope = new Scope(event.unitIds(), event.closedFrom(), event.closedTo());
        samplingMode = event.samplingMode();
        samplingValue = event.samplingValue();
        seed = event.seed();
        status = LookBackStatus.OPENED;
    }

    @EventSourcingHandler
    void on(SampleDrawn event) {
        sample.addAll(event.sample());
        status = LookBackStatus.SAMPLED;
    }

    @EventSourcingHandler
    void on(CheckRecorded event) {
        checked.add(event.rectificationId());
        switch (event.outcome()) {
            case CONFIRMED -> confirmed++;
            case REBOUNDED -> rebounded++;
            case NEW_ISSUE -> newIssues++;
        }
    }

    @EventSourcingHandler
    void on(LookBackCompleted event) {
        status = LookBackStatus.COMPLETED;
    }

    /** A look-back is run by a supervisor whose subtree contains every unit it re-checks (DESIGN.md §6). */
    private static void requireSupervisorOf(List<UnitId> unitIds, ActorScope actor) {
        boolean all = unitIds != null && unitIds.stream().allMatch(actor::supervises);
        actor.require(AccessRule.LookBackBySupervisorOfItsUnits, all, unitIds);
    }

}
