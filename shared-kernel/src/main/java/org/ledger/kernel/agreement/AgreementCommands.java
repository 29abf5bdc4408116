package org.ledger.kernel.agreement;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.ledger.kernel.unit.ReferencesUnits;
import org.ledger.kernel.unit.UnitId;

/**
 * Commands of the {@code ResponsibilityAgreement} aggregate. {@code expectedVersion} is the client's
 * {@code If-Match} (null when it sent none). The actor and the reason travel as metadata; once the agreement is
 * signed, a change of its items or tasks is an amendment and the reason is required. Dates such as
 * {@code reportedOn} are today as the sender's clock reads it.
 */
public final class AgreementCommands {

    private AgreementCommands() {
    }

    /** Starts an agreement between an issuer (上级) and a responsible unit (下级) for a period. */
    public record DraftAgreement(
            @TargetAggregateIdentifier AgreementId agreementId,
            String title,
            LocalDate periodStart,
            LocalDate periodEnd,
            UnitId issuerUnitId,
            UnitId responsibleUnitId,
            int fullScore) implements ReferencesUnits {

        /** The full score when the agreement does not set one. */
        public static final int DEFAULT_FULL_SCORE = 100;

        @Override
        public List<UnitId> referencedUnits() {
            return Arrays.asList(issuerUnitId, responsibleUnitId);
        }
    }

    public record AddItem(
            @TargetAggregateIdentifier AgreementId agreementId,
            @TargetAggregateVersion Long expectedVersion,
            ResponsibilityItemId itemId,
            String category,
            String content,
            int weight) {
    }

    public record ChangeItem(
            @TargetAggregateIdentifier AgreementId agreementId,
            @TargetAggregateVersion Long expectedVersion,
            ResponsibilityItemId itemId,
            String category,
            String content,
            int weight) {
    }

    public record RemoveItem(
            @TargetAggregateIdentifier AgreementId agreementId,
            @TargetAggregateVersion Long expectedVersion,
            ResponsibilityItemId itemId) {
    }

    public record PlanTask(
            @TargetAggregateIdentifier AgreementId agreementId,
            @TargetAggregateVersion Long expectedVersion,
            TaskId taskId,
            ResponsibilityItemId itemId,
            String description,
            UnitId assigneeUnitId,
            String assigneeName,
            LocalDate dueDate) implements ReferencesUnits {

        @Override
        public List<UnitId> referencedUnits() {
            return Arrays.asList(assigneeUnitId);
        }
    }

    /** Changes what a task is, who carries it out and when it is due; its item stays. */
    public record ChangeTask(
            @TargetAggregateIdentifier AgreementId agreementId,
            @TargetAggregateVersion Long expectedVersion,
            TaskId taskId,
            String description,
            UnitId assigneeUnitId,
            String assigneeName,
            LocalDate dueDate) implements ReferencesUnits {

        @Override
        public List<UnitId> referencedUnits() {
            return Arrays.asList(assigneeUnitId);
        }
    }

    public record CancelTask(
            @TargetAggregateIdentifier AgreementId agreementId,
            @TargetAggregateVersion Long expectedVersion,
            TaskId taskId) {
    }

    public record SignAgreement(
            @TargetAggregateIdentifier AgreementId agreementId,
            @TargetAggregateVersion Long expectedVersion,
            Party party,
            String signerName,
            LocalDate signedOn) {
    }

    /** Reports progress of a task; {@code completed} true completes it (then {@code percent} is 100). */
    public record ReportTaskProgress(
            @TargetAggregateIdentifier AgreementId agreementId,
            @TargetAggregateVersion Long expectedVersion,
            TaskId taskId,
            int percent,
            String note,
            boolean completed,
            LocalDate reportedOn) {
    }

    /** Scores every item; a second assessment is a re-assessment and needs a reason (in metadata). */
    public record AssessAgreement(
            @TargetAggregateIdentifier AgreementId agreementId,
            @TargetAggregateVersion Long expectedVersion,
            List<ItemScore> scores,
            Grade grade,
            LocalDate assessedOn) {
    }

    public record ArchiveAgreement(
            @TargetAggregateIdentifier AgreementId agreementId,
            @TargetAggregateVersion Long expectedVersion,
            LocalDate archivedOn) {
    }
}
