package org.ledger.command.agreement;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.ledger.kernel.MetadataKeys;
import org.ledger.kernel.RuleViolation;
import org.ledger.kernel.agreement.AgreementCommands.AddItem;
import org.ledger.kernel.agreement.AgreementCommands.ArchiveAgreement;
import org.ledger.kernel.agreement.AgreementCommands.AssessAgreement;
import org.ledger.kernel.agreement.AgreementCommands.CancelTask;
import org.ledger.kernel.agreement.AgreementCommands.ChangeItem;
import org.ledger.kernel.agreement.AgreementCommands.ChangeTask;
import org.ledger.kernel.agreement.AgreementCommands.DraftAgreement;
import org.ledger.kernel.agreement.AgreementCommands.PlanTask;
import org.ledger.kernel.agreement.AgreementCommands.RemoveItem;
import org.ledger.kernel.agreement.AgreementCommands.ReportTaskProgress;
import org.ledger.kernel.agreement.AgreementCommands.SignAgreement;
import org.ledger.kernel.agreement.AgreementEvents.AgreementArchived;
import org.ledger.kernel.agreement.AgreementEvents.AgreementAssessed;
import org.ledger.kernel.agreement.AgreementEvents.AgreementCameIntoForce;
import org.ledger.kernel.agreement.AgreementEvents.AgreementDrafted;
import org.ledger.kernel.agreement.AgreementEvents.AgreementSigned;
import org.ledger.kernel.agreement.AgreementEvents.ResponsibilityItemAdded;
import org.ledger.kernel.agreement.AgreementEvents.ResponsibilityItemChanged;
import org.ledger.kernel.agreement.AgreementEvents.ResponsibilityItemRemoved;
import org.ledger.kernel.agreement.AgreementEvents.TaskCancelled;
import org.ledger.kernel.agreement.AgreementEvents.TaskChanged;
import org.ledger.kernel.agreement.AgreementEvents.TaskCompleted;
import org.ledger.kernel.agreement.AgreementEvents.TaskPlanned;
import org.ledger.kernel.agreement.AgreementEvents.TaskProgressReported;
import org.ledger.kernel.agreement.AgreementId;
import org.ledger.kernel.agreement.AgreementStatus;
import org.ledger.kernel.agreement.ItemScore;
import org.ledger.kernel.agreement.Party;
import org.ledger.kernel.agreement.ResponsibilityItemId;
import org.ledger.kernel.agreement.TaskId;

/**
 * A responsibility agreement (党建责任书) between an issuer (上级) and a responsible unit (下级) for a period: its
 * items (责任事项) with weights, the tasks (任务) that carry them out, the two signatures, the assessment (考评)
 * and the archival.
 *
 * <p>Amendments: from the first signature on, every change of items or tasks is an amendment that needs a reason
 * (a signature covers the text as it was signed, so even the second party must not sign silently changed items).
 * The weight sum is checked when the first party signs and again when the agreement is assessed, not at each
 * amendment: a single amendment changes one item, so moving points from one item to another necessarily passes
 * through an unbalanced state; the assessment refuses to score an unbalanced agreement.
 */
@Aggregate
public class ResponsibilityAgreement {

    @AggregateIdentifier
    private AgreementId agreementId;
    private AgreementStatus status;
    private LocalDate periodStart;
    private LocalDate periodEnd;
    private int fullScore;
    /** Current items and their weights, in the order they were added. */
    private final Map<ResponsibilityItemId, Integer> items = new LinkedHashMap<>();
    private final Set<ResponsibilityItemId> usedItemIds = new HashSet<>();
    /** Current (not cancelled) tasks. */
    private final Map<TaskId, TaskState> tasks = new LinkedHashMap<>();
    private final Set<TaskId> usedTaskIds = new HashSet<>();
    private final Map<Party, LocalDate> signatures = new EnumMap<>(Party.class);
    private boolean assessed;

    private record TaskState(ResponsibilityItemId itemId, boolean completed) {
    }

    protected ResponsibilityAgreement() {
        // for Axon's event sourcing
    }

    @CommandHandler
    public ResponsibilityAgreement(DraftAgreement command, @MetaDataValue(MetadataKeys.USER) String user) {
        if (!command.periodEnd().isAfter(command.periodStart())) {
            throw new RuleViolation(AgreementRule.PeriodEndsAfterStart,
                    command.periodEnd() + " is not after " + command.periodStart());
        }
        if (command.issuerUnitId().equals(command.responsibleUnitId())) {
            throw new RuleViolation(AgreementRule.PartiesDiffer, command.issuerUnitId().value());
        }
        if (command.fullScore() <= 0) {
            throw new RuleViolation(AgreementRule.FullScorePositive, String.valueOf(command.fullScore()));
        }
        apply(new AgreementDrafted(command.agreementId(), command.title(), command.periodStart(),
                command.periodEnd(), command.issuerUnitId(), command.responsibleUnitId(), command.fullScore(), user));
    }

    // --- items ---------------------------------------------------------------------------------------------------

    @CommandHandler
    void handle(AddItem command, @MetaDataValue(MetadataKeys.REASON) String reason) {
        String amendment = requireItemsChangeable(reason);
        if (usedItemIds.contains(command.itemId())) {
            throw new RuleViolation(AgreementRule.ItemIdUnique, command.itemId().value());
        }
        requirePositive(command.weight());
        apply(new ResponsibilityItemAdded(agreementId, command.itemId(), command.category(), command.content(),
                command.weight(), amendment));
    }

    @CommandHandler
    void handle(ChangeItem command, @MetaDataValue(MetadataKeys.REASON) String reason) {
        String amendment = requireItemsChangeable(reason);
        int previousWeight = requireItem(command.itemId());
        requirePositive(command.weight());
        apply(new ResponsibilityItemChanged(agreementId, command.itemId(), command.category(), command.content(),
                command.weight(), previousWeight, amendment));
    }

    @CommandHandler
    void handle(RemoveItem command, @MetaDataValue(MetadataKeys.REASON) String reason) {
        String amendment = requireItemsChangeable(reason);
        int weight = requireItem(command.itemId());
        long itsTasks = tasks.values().stream().filter(task -> task.itemId().equals(command.itemId())).count();
        if (itsTasks > 0) {
            throw new RuleViolation(AgreementRule.ItemRemovedOnlyWithoutTasks, itsTasks + " task(s) planned");
        }
        apply(new ResponsibilityItemRemoved(agreementId, command.itemId(), weight, amendment));
    }

    // --- tasks ---------------------------------------------------------------------------------------------------

    @CommandHandler
    void handle(PlanTask command, @MetaDataValue(MetadataKeys.REASON) String reason) {
        refuseIfArchived();
        String amendment = amendmentReason(reason);
        if (usedTaskIds.contains(command.taskId())) {
            throw new RuleViolation(AgreementRule.TaskIdUnique, command.taskId().value());
        }
        if (!items.containsKey(command.itemId())) {
            throw new RuleViolation(AgreementRule.TaskForKnownItem, command.itemId().value());
        }
        requireDueWithinPeriod(command.dueDate());
        apply(new TaskPlanned(agreementId, command.taskId(), command.itemId(), command.description(),
                command.assigneeUnitId(), command.assigneeName(), command.dueDate(), amendment));
    }

    @CommandHandler
    void handle(ChangeTask command, @MetaDataValue(MetadataKeys.REASON) String reason) {
        refuseIfArchived();
        String amendment = amendmentReason(reason);
        TaskState task = requireOpenTask(command.taskId());
        requireDueWithinPeriod(command.dueDate());
        apply(new TaskChanged(agreementId, command.taskId(), task.itemId(), command.description(),
                command.assigneeUnitId(), command.assigneeName(), command.dueDate(), amendment));
    }

    @CommandHandler
    void handle(CancelTask command, @MetaDataValue(MetadataKeys.REASON) String reason) {
        refuseIfArchived();
        String amendment = amendmentReason(reason);
        TaskState task = requireOpenTask(command.taskId());
        apply(new TaskCancelled(agreementId, command.taskId(), task.itemId(), amendment));
    }

    @CommandHandler
    void handle(ReportTaskProgress command, @MetaDataValue(MetadataKeys.USER) String user) {
        refuseIfArchived();
        if (status != AgreementStatus.IN_FORCE) {
            throw new RuleViolation(AgreementRule.ProgressOnlyAfterSigning, "the agreement is " + status);
        }
        TaskState task = requireOpenTask(command.taskId());
        if (command.percent() < 0 || command.percent() > 100) {
            throw new RuleViolation(AgreementRule.ProgressPercentInRange, String.valueOf(command.percent()));
        }
        int percent = command.completed() ? 100 : command.percent();
        apply(new TaskProgressReported(agreementId, command.taskId(), task.itemId(), percent, command.note(),
                command.reportedOn(), user));
        if (command.completed()) {
            apply(new TaskCompleted(agreementId, command.taskId(), task.itemId(), command.reportedOn()));
        }
    }

    // --- signatures, assessment, archival -----------------------------------------------------------------------

    @CommandHandler
    void handle(SignAgreement command, @MetaDataValue(MetadataKeys.USER) String user) {
        refuseIfArchived();
        if (signatures.containsKey(command.party())) {
            throw new RuleViolation(AgreementRule.EachPartySignsOnce, command.party() + " signed on "
                    + signatures.get(command.party()));
        }
        if (items.isEmpty()) {
            throw new RuleViolation(AgreementRule.SigningNeedsItems);
        }
        requireWeightsSumToFullScore();
        apply(new AgreementSigned(agreementId, command.party(), command.signerName(), command.signedOn(), user));
        if (signatures.size() == Party.values().length) {
            LocalDate inForceOn = signatures.values().stream().max(LocalDate::compareTo).orElse(command.signedOn());
            apply(new AgreementCameIntoForce(agreementId, inForceOn));
        }
    }

    @CommandHandler
    void handle(AssessAgreement command, @MetaDataValue(MetadataKeys.USER) String user,
                @MetaDataValue(MetadataKeys.REASON) String reason) {
        refuseIfArchived();
        if (status != AgreementStatus.IN_FORCE) {
            throw new RuleViolation(AgreementRule.AssessmentOnlyAfterSigning, "the agreement is " + status);
        }
        if (assessed && isBlank(reason)) {
            throw new RuleViolation(AgreementRule.ReassessmentNeedsReason);
        }
        requireWeightsSumToFullScore();
        List<ItemScore> scores = command.scores() == null ? List.of() : List.copyOf(command.scores());
        Set<ResponsibilityItemId> scored = new HashSet<>();
        BigDecimal total = BigDecimal.ZERO;
        for (ItemScore score : scores) {
            Integer weight = items.get(score.itemId());
            if (weight == null) {
                throw new RuleViolation(AgreementRule.AssessmentCoversEveryItem, "no item " + score.itemId());
            }
            if (!scored.add(score.itemId())) {
                throw new RuleViolation(AgreementRule.AssessmentCoversEveryItem, score.itemId() + " scored twice");
            }
            if (score.score() == null || score.score().signum() < 0
                    || score.score().compareTo(BigDecimal.valueOf(weight)) > 0) {
                throw new RuleViolation(AgreementRule.ScoreWithinWeight,
                        score.itemId() + ": " + score.score() + " not within 0.." + weight);
            }
            total = total.add(score.score());
        }
        if (!scored.containsAll(items.keySet())) {
            Set<ResponsibilityItemId> missing = new HashSet<>(items.keySet());
            missing.removeAll(scored);
            throw new RuleViolation(AgreementRule.AssessmentCoversEveryItem, "not scored: " + missing);
        }
        apply(new AgreementAssessed(agreementId, scores, total, command.grade(), assessed,
                isBlank(reason) ? null : reason, user, command.assessedOn()));
    }

    @CommandHandler
    void handle(ArchiveAgreement command, @MetaDataValue(MetadataKeys.USER) String user,
                @MetaDataValue(MetadataKeys.REASON) String reason) {
        refuseIfArchived();
        if (status != AgreementStatus.IN_FORCE) {
            throw new RuleViolation(AgreementRule.ArchiveOnlyInForce, "the agreement is " + status);
        }
        apply(new AgreementArchived(agreementId, isBlank(reason) ? null : reason, user, command.archivedOn()));
    }

    // --- checks --------------------------------------------------------------------------------------------------

    private void refuseIfArchived() {
        if (status == AgreementStatus.ARCHIVED) {
            throw new RuleViolation(AgreementRule.ArchivedAgreementIsClosed);
        }
    }

    /** Items change while drafting, or by amendment before the assessment; answers the amendment reason. */
    private String requireItemsChangeable(String reason) {
        refuseIfArchived();
        if (assessed) {
            throw new RuleViolation(AgreementRule.ItemsChangeOnlyWhileDraftOrByAmendment, "the agreement was assessed");
        }
        return amendmentReason(reason);
    }

    /** Null while nobody has signed; the required reason once a party has. */
    private String amendmentReason(String reason) {
        if (signatures.isEmpty()) {
            return null;
        }
        if (isBlank(reason)) {
            throw new RuleViolation(AgreementRule.AmendmentNeedsReason);
        }
        return reason;
    }

    private int requireItem(ResponsibilityItemId itemId) {
        Integer weight = items.get(itemId);
        if (weight == null) {
            throw new RuleViolation(AgreementRule.KnownItem, itemId.value());
        }
        return weight;
    }

    private TaskState requireOpenTask(TaskId taskId) {
        TaskState task = tasks.get(taskId);
        if (task == null) {
            throw new RuleViolation(AgreementRule.KnownTask, taskId.value());
        }
        if (task.completed()) {
            throw new RuleViolation(AgreementRule.CompletedTaskIsFinal, taskId.value());
        }
        return task;
    }

    private static void requirePositive(int weight) {
        if (weight <= 0) {
            throw new RuleViolation(AgreementRule.WeightPositive, String.valueOf(weight));
        }
    }

    private void requireWeightsSumToFullScore() {
        int sum = items.values().stream().mapToInt(Integer::intValue).sum();
        if (sum != fullScore) {
            throw new RuleViolation(AgreementRule.WeightsSumToFullScore, "weights add up to " + sum
                    + ", the full score is " + fullScore);
        }
    }

    private void requireDueWithinPeriod(LocalDate dueDate) {
        if (dueDate.isBefore(periodStart) || dueDate.isAfter(periodEnd)) {
            throw new RuleViolation(AgreementRule.TaskDueWithinPeriod,
                    dueDate + " is outside " + periodStart + ".." + periodEnd);
        }
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }

    // --- state ---------------------------------------------------------------------------------------------------

    @EventSourcingHandler
    void on(AgreementDrafted event) {
        agreementId = event.agreementId();
        periodStart = event.periodStart();
        periodEnd = event.periodEnd();
        fullScore = event.fullScore();
        status = AgreementStatus.DRAFT;
    }

    @EventSourcingHandler
    void on(ResponsibilityItemAdded event) {
        items.put(event.itemId(), event.weight());
        usedItemIds.add(event.itemId());
    }

    @EventSourcingHandler
    void on(ResponsibilityItemChanged event) {
        items.put(event.itemId(), event.weight());
    }

    @EventSourcingHandler
    void on(ResponsibilityItemRemoved event) {
        items.remove(event.itemId());
    }

    @EventSourcingHandler
    void on(TaskPlanned event) {
        tasks.put(event.taskId(), new TaskState(event.itemId(), false));
        usedTaskIds.add(event.taskId());
    }

    @EventSourcingHandler
    void on(TaskCancelled event) {
        tasks.remove(event.taskId());
    }

    @EventSourcingHandler
    void on(TaskCompleted event) {
        tasks.put(event.taskId(), new TaskState(event.itemId(), true));
    }

    @EventSourcingHandler
    void on(AgreementSigned event) {
        signatures.put(event.party(), event.signedOn());
    }

    @EventSourcingHandler
    void on(AgreementCameIntoForce event) {
        status = AgreementStatus.IN_FORCE;
    }

    @EventSourcingHandler
    void on(AgreementAssessed event) {
        assessed = true;
    }

    @EventSourcingHandler
    void on(AgreementArchived event) {
        status = AgreementStatus.ARCHIVED;
    }
}
