package org.ledger.command.agreement;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;
import org.ledger.command.rectification.WarningPolicy;
import org.ledger.command.access.AccessRule;
import org.ledger.command.access.ActorScope;
import org.ledger.command.support.SnapshotConfiguration;
import org.ledger.kernel.MetadataKeys;
import org.ledger.kernel.unit.UnitId;
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
import org.ledger.kernel.agreement.AgreementEvents.TaskBecameOverdue;
import org.ledger.kernel.agreement.AgreementEvents.TaskCancelled;
import org.ledger.kernel.agreement.AgreementEvents.TaskChanged;
import org.ledger.kernel.agreement.AgreementEvents.TaskCompleted;
import org.ledger.kernel.agreement.AgreementEvents.TaskDueSoon;
import org.ledger.kernel.agreement.AgreementEvents.TaskPlanned;
import org.ledger.kernel.agreement.AgreementEvents.TaskProgressReported;
import org.ledger.kernel.agreement.AgreementId;
import org.ledger.kernel.agreement.AgreementStatus;
import org.ledger.kernel.agreement.ItemScore;
import org.ledger.kernel.agreement.Party;
import org.ledger.kernel.agreement.ResponsibilityItemId;
import org.ledger.kernel.agreement.TaskId;
import org.ledger.kernel.rectification.WarningLevel;

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
 *
 * <p>Task warnings (预警) work as a rectification item's do: while the agreement is in force, persistent deadlines
 * ({@link WarningPolicy}'s dates, db-scheduler behind Axon's {@link DeadlineManager}) make it record
 * {@link TaskDueSoon} GREEN and YELLOW and {@link TaskBecameOverdue} for each open task, each once per due date of the
 * task. Coming into force schedules them for every open task; planning a task or changing it while in force
 * (re)schedules that task's; cancelling or completing a task cancels its own, archiving cancels all. Each task's
 * deadlines carry a name of their own ({@link #warningDeadlineName(TaskId)}), so that one task's are cancelled within
 * the agreement's scope without touching the other tasks'.
 */
@Aggregate(snapshotTriggerDefinition = SnapshotConfiguration.TRIGGER)
// Snapshots: the revision of the fields below; raise it with any change to them (AggregateSnapshotShapeTest).
@Revision("1")
@JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE, setterVisibility = Visibility.NONE)
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
    /** The unit each task is assigned to: its lead reports the task's progress. */
    private final Map<TaskId, UnitId> taskAssignees = new HashMap<>();
    private UnitId issuerUnitId;
    private UnitId responsibleUnitId;
    private final Map<Party, LocalDate> signatures = new EnumMap<>(Party.class);
    private boolean assessed;

    /**
     * The latest date the agreement's own events name (signed on, reported on, ...): a lower bound of "today" that
     * needs no clock, used only to leave out a notice that a more severe warning has already overtaken.
     */
    private LocalDate knownToday;

    /**
     * A current task: its item, whether it is completed, its due date and the warnings recorded for that date. Part of
     * the agreement's snapshot like the agreement's own fields (Jackson reads and writes them directly).
     */
    @JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE,
            isGetterVisibility = Visibility.NONE, setterVisibility = Visibility.NONE)
    private static final class TaskState {
        private final ResponsibilityItemId itemId;
        private boolean completed;
        private LocalDate dueDate;
        private final Set<WarningLevel> warningsIssued = EnumSet.noneOf(WarningLevel.class);

        @JsonCreator
        private TaskState(ResponsibilityItemId itemId, LocalDate dueDate) {
            this.itemId = itemId;
            this.dueDate = dueDate;
        }

        ResponsibilityItemId itemId() {
            return itemId;
        }

        boolean completed() {
            return completed;
        }

        /** By value: Axon's test fixture compares the state a command left with the state its events source. */
        @Override
        public boolean equals(Object other) {
            return other instanceof TaskState that && itemId.equals(that.itemId) && completed == that.completed
                    && java.util.Objects.equals(dueDate, that.dueDate) && warningsIssued.equals(that.warningsIssued);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(itemId, completed, dueDate, warningsIssued);
        }
    }

    /** The prefix of the name of every task warning deadline; the task id follows. */
    public static final String WARNING_DEADLINE_PREFIX = "agreement-task-warning:";

    /** The name of a task's warning deadlines: one name per task, so that cancelling one task's spares the others. */
    public static String warningDeadlineName(TaskId taskId) {
        return WARNING_DEADLINE_PREFIX + taskId.value();
    }

    protected ResponsibilityAgreement() {
        // for Axon's event sourcing
    }

    @CommandHandler
    public ResponsibilityAgreement(DraftAgreement command, @MetaDataValue(MetadataKeys.USER) String user, ActorScope scope) {
        scope.require(AccessRule.AgreementBySupervisorOfIssuer, scope.supervises(command.issuerUnitId()),
                command.issuerUnitId());
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
    void handle(AddItem command, @MetaDataValue(MetadataKeys.REASON) String reason, ActorScope scope) {
        requireSupervisorOfIssuer(scope);
        String amendment = requireItemsChangeable(reason);
        if (usedItemIds.contains(command.itemId())) {
            throw new RuleViolation(AgreementRule.ItemIdUnique, command.itemId().value());
        }
        requirePositive(command.weight());
        apply(new ResponsibilityItemAdded(agreementId, command.itemId(), command.category(), command.content(),
                command.weight(), amendment));
    }

    @CommandHandler
    void handle(ChangeItem command, @MetaDataValue(MetadataKeys.REASON) String reason, ActorScope scope) {
        requireSupervisorOfIssuer(scope);
        String amendment = requireItemsChangeable(reason);
        int previousWeight = requireItem(command.itemId());
        requirePositive(command.weight());
        apply(new ResponsibilityItemChanged(agreementId, command.itemId(), command.category(), command.content(),
                command.weight(), previousWeight, amendment));
    }

    @CommandHandler
    void handle(RemoveItem command, @MetaDataValue(MetadataKeys.REASON) String reason, ActorScope scope) {
        requireSupervisorOfIssuer(scope);
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
    void handle(PlanTask command, @MetaDataValue(MetadataKeys.REASON) String reason, DeadlineManager deadlines,
                WarningPolicy policy, ActorScope scope) {
        requireSupervisorOfIssuer(scope);
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
        if (status == AgreementStatus.IN_FORCE) {
            rescheduleWarnings(command.taskId(), deadlines, policy);
        }
    }

    @CommandHandler
    void handle(ChangeTask command, @MetaDataValue(MetadataKeys.REASON) String reason, DeadlineManager deadlines,
                WarningPolicy policy, ActorScope scope) {
        requireSupervisorOfIssuer(scope);
        refuseIfArchived();
        String amendment = amendmentReason(reason);
        TaskState task = requireOpenTask(command.taskId());
        requireDueWithinPeriod(command.dueDate());
        apply(new TaskChanged(agreementId, command.taskId(), task.itemId(), command.description(),
                command.assigneeUnitId(), command.assigneeName(), command.dueDate(), amendment));
        if (status == AgreementStatus.IN_FORCE) {
            rescheduleWarnings(command.taskId(), deadlines, policy);
        }
    }

    @CommandHandler
    void handle(CancelTask command, @MetaDataValue(MetadataKeys.REASON) String reason, DeadlineManager deadlines, ActorScope scope) {
        requireSupervisorOfIssuer(scope);
        refuseIfArchived();
        String amendment = amendmentReason(reason);
        TaskState task = requireOpenTask(command.taskId());
        apply(new TaskCancelled(agreementId, command.taskId(), task.itemId(), amendment));
        deadlines.cancelAllWithinScope(warningDeadlineName(command.taskId()));
    }

    @CommandHandler
    void handle(ReportTaskProgress command, @MetaDataValue(MetadataKeys.USER) String user,
                DeadlineManager deadlines, ActorScope scope) {
        UnitId assignee = taskAssignees.get(command.taskId());
        scope.require(AccessRule.TaskProgressByAssigneeLead, scope.leads(assignee), assignee);
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
            deadlines.cancelAllWithinScope(warningDeadlineName(command.taskId()));
        }
    }

    // --- signatures, assessment, archival -----------------------------------------------------------------------

    @CommandHandler
    void handle(SignAgreement command, @MetaDataValue(MetadataKeys.USER) String user, DeadlineManager deadlines,
                WarningPolicy policy, ActorScope scope) {
        if (command.party() == Party.RESPONSIBLE) {
            scope.require(AccessRule.ResponsibleSignatureByItsLead, scope.leads(responsibleUnitId), responsibleUnitId);
        } else {
            requireSupervisorOfIssuer(scope);
        }
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
            for (Map.Entry<TaskId, TaskState> task : tasks.entrySet()) {
                if (!task.getValue().completed()) {
                    rescheduleWarnings(task.getKey(), deadlines, policy);
                }
            }
        }
    }

    @CommandHandler
    void handle(AssessAgreement command, @MetaDataValue(MetadataKeys.USER) String user,
                @MetaDataValue(MetadataKeys.REASON) String reason, ActorScope scope) {
        requireSupervisorOfIssuer(scope);
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
                @MetaDataValue(MetadataKeys.REASON) String reason, DeadlineManager deadlines, ActorScope scope) {
        requireSupervisorOfIssuer(scope);
        refuseIfArchived();
        if (status != AgreementStatus.IN_FORCE) {
            throw new RuleViolation(AgreementRule.ArchiveOnlyInForce, "the agreement is " + status);
        }
        apply(new AgreementArchived(agreementId, isBlank(reason) ? null : reason, user, command.archivedOn()));
        // an archived agreement is closed: no task of it is warned about any more
        for (TaskId taskId : tasks.keySet()) {
            deadlines.cancelAllWithinScope(warningDeadlineName(taskId));
        }
    }

    // --- task warnings -------------------------------------------------------------------------------------------

    /**
     * A task's warning deadline fired. It counts only while the agreement is in force and the task open with the due
     * date the deadline was computed for, and only once per level: a deadline left over from an earlier due date, a
     * repeated firing (a retry, another node) or a notice that a more severe warning has overtaken changes nothing.
     * The handler takes every deadline with this payload, whatever its per-task name.
     */
    @DeadlineHandler
    void on(TaskWarningDue due) {
        TaskState task = due.taskId() == null ? null : tasks.get(due.taskId());
        if (status != AgreementStatus.IN_FORCE || task == null || task.completed()
                || !due.dueDate().equals(task.dueDate)) {
            return;
        }
        for (WarningLevel issued : task.warningsIssued) {
            if (issued == due.level() || issued.isMoreSevereThan(due.level())) {
                return;
            }
        }
        if (due.level() == WarningLevel.RED) {
            apply(new TaskBecameOverdue(agreementId, due.taskId(), task.dueDate));
        } else {
            apply(new TaskDueSoon(agreementId, due.taskId(), due.level(), task.dueDate, due.daysLeft()));
        }
    }

    /**
     * Replaces a task's warning deadlines with those of its current due date, leaving out those already recorded for
     * it. Deadlines already due are scheduled in the past: the scheduler fires them at once.
     */
    private void rescheduleWarnings(TaskId taskId, DeadlineManager deadlines, WarningPolicy policy) {
        TaskState task = tasks.get(taskId);
        String name = warningDeadlineName(taskId);
        deadlines.cancelAllWithinScope(name);
        for (WarningPolicy.Scheduled warning : policy.warningsFor(task.dueDate, knownToday)) {
            WarningLevel level = warning.warning().level();
            if (!task.warningsIssued.contains(level)) {
                deadlines.schedule(warning.at(), name,
                        new TaskWarningDue(taskId, level, task.dueDate, warning.warning().daysLeft()));
            }
        }
    }

    private void heardOf(LocalDate date) {
        if (date != null && (knownToday == null || date.isAfter(knownToday))) {
            knownToday = date;
        }
    }

    // --- checks --------------------------------------------------------------------------------------------------

    /** Drafting, amending, the issuer's signature, assessing and archiving belong to the issuer's supervisors. */
    private void requireSupervisorOfIssuer(ActorScope scope) {
        scope.require(AccessRule.AgreementBySupervisorOfIssuer, scope.supervises(issuerUnitId), issuerUnitId);
    }

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
        issuerUnitId = event.issuerUnitId();
        responsibleUnitId = event.responsibleUnitId();
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
        taskAssignees.put(event.taskId(), event.assigneeUnitId());
        tasks.put(event.taskId(), new TaskState(event.itemId(), event.dueDate()));
        usedTaskIds.add(event.taskId());
    }

    @EventSourcingHandler
    void on(TaskChanged event) {
        taskAssignees.put(event.taskId(), event.assigneeUnitId());
        TaskState task = tasks.get(event.taskId());
        if (task != null && !event.dueDate().equals(task.dueDate)) {
            // a new due date starts its warnings afresh (the ledger goes back to GREEN)
            task.dueDate = event.dueDate();
            task.warningsIssued.clear();
        }
    }

    @EventSourcingHandler
    void on(TaskProgressReported event) {
        heardOf(event.reportedOn());
    }

    @EventSourcingHandler
    void on(TaskDueSoon event) {
        TaskState task = tasks.get(event.taskId());
        if (task != null) {
            task.warningsIssued.add(event.level());
        }
    }

    @EventSourcingHandler
    void on(TaskBecameOverdue event) {
        TaskState task = tasks.get(event.taskId());
        if (task != null) {
            task.warningsIssued.add(WarningLevel.RED);
        }
    }

    @EventSourcingHandler
    void on(TaskCancelled event) {
        tasks.remove(event.taskId());
    }

    @EventSourcingHandler
    void on(TaskCompleted event) {
        TaskState task = tasks.get(event.taskId());
        if (task != null) {
            task.completed = true;
        }
        heardOf(event.completedOn());
    }

    @EventSourcingHandler
    void on(AgreementSigned event) {
        signatures.put(event.party(), event.signedOn());
        heardOf(event.signedOn());
    }

    @EventSourcingHandler
    void on(AgreementCameIntoForce event) {
        status = AgreementStatus.IN_FORCE;
        heardOf(event.inForceOn());
    }

    @EventSourcingHandler
    void on(AgreementAssessed event) {
        assessed = true;
        heardOf(event.assessedOn());
    }

    @EventSourcingHandler
    void on(AgreementArchived event) {
        status = AgreementStatus.ARCHIVED;
        heardOf(event.archivedOn());
    }
}
