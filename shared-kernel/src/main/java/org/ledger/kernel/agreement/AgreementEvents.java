package org.ledger.kernel.agreement;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.axonframework.serialization.Revision;
import org.ledger.kernel.rectification.WarningLevel;
import org.ledger.kernel.unit.UnitId;

/**
 * Events of the {@code ResponsibilityAgreement} aggregate, each with a {@link Revision}. Item and task events
 * carry {@code amendmentReason}: null while the agreement is being drafted, the actor's reason once it was signed
 * (the reason is also in the event's metadata; it is repeated here because an amendment is not complete without
 * it).
 */
public final class AgreementEvents {

    private AgreementEvents() {
    }

    /** The first event of an agreement's stream. */
    @Revision("1")
    public record AgreementDrafted(AgreementId agreementId, String title, LocalDate periodStart, LocalDate periodEnd,
                                   UnitId issuerUnitId, UnitId responsibleUnitId, int fullScore, String draftedBy) {
    }

    @Revision("1")
    public record ResponsibilityItemAdded(AgreementId agreementId, ResponsibilityItemId itemId, String category,
                                          String content, int weight, String amendmentReason) {
    }

    @Revision("1")
    public record ResponsibilityItemChanged(AgreementId agreementId, ResponsibilityItemId itemId, String category,
                                            String content, int weight, int previousWeight,
                                            String amendmentReason) {
    }

    @Revision("1")
    public record ResponsibilityItemRemoved(AgreementId agreementId, ResponsibilityItemId itemId, int weight,
                                            String amendmentReason) {
    }

    @Revision("1")
    public record TaskPlanned(AgreementId agreementId, TaskId taskId, ResponsibilityItemId itemId,
                              String description, UnitId assigneeUnitId, String assigneeName, LocalDate dueDate,
                              String amendmentReason) {
    }

    @Revision("1")
    public record TaskChanged(AgreementId agreementId, TaskId taskId, ResponsibilityItemId itemId,
                              String description, UnitId assigneeUnitId, String assigneeName, LocalDate dueDate,
                              String amendmentReason) {
    }

    @Revision("1")
    public record TaskCancelled(AgreementId agreementId, TaskId taskId, ResponsibilityItemId itemId,
                                String amendmentReason) {
    }

    @Revision("1")
    public record AgreementSigned(AgreementId agreementId, Party party, String signerName, LocalDate signedOn,
                                  String signedBy) {
    }

    /** Both parties have signed: the agreement binds from {@code inForceOn} (the later signature's date). */
    @Revision("1")
    public record AgreementCameIntoForce(AgreementId agreementId, LocalDate inForceOn) {
    }

    @Revision("1")
    public record TaskProgressReported(AgreementId agreementId, TaskId taskId, ResponsibilityItemId itemId,
                                       int percent, String note, LocalDate reportedOn, String reportedBy) {
    }

    /** Follows the progress report that said the task is done; a completed task is final. */
    @Revision("1")
    public record TaskCompleted(AgreementId agreementId, TaskId taskId, ResponsibilityItemId itemId,
                                LocalDate completedOn) {
    }

    /**
     * Scores for every item, their total and the grade. {@code reassessment} is true when an earlier assessment
     * is replaced; {@code reason} is then required.
     */
    @Revision("1")
    public record AgreementAssessed(AgreementId agreementId, List<ItemScore> scores, BigDecimal total, Grade grade,
                                    boolean reassessment, String reason, String assessedBy, LocalDate assessedOn) {
    }

    @Revision("1")
    public record AgreementArchived(AgreementId agreementId, String reason, String archivedBy,
                                    LocalDate archivedOn) {
    }

    /**
     * The persistent deadline scheduler found an open task's due date near (预警), while the agreement is in force:
     * {@code level} GREEN is the early notice, YELLOW the due-date-near warning. {@code daysLeft} is the threshold the
     * warning marks ("due in at most this many days"); recorded once per level and due date of the task.
     */
    @Revision("1")
    public record TaskDueSoon(AgreementId agreementId, TaskId taskId, WarningLevel level, LocalDate dueDate,
                              int daysLeft) {
    }

    /** An open task's due date passed without it being completed (逾期); recorded once per due date of the task. */
    @Revision("1")
    public record TaskBecameOverdue(AgreementId agreementId, TaskId taskId, LocalDate dueDate) {
    }
}
