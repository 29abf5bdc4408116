package org.ledger.app.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.serialization.Revision;
import org.junit.jupiter.api.Test;
import org.ledger.command.agreement.ResponsibilityAgreement;
import org.ledger.command.issue.Issue;
import org.ledger.command.rectification.RectificationItem;

/**
 * A snapshot stores an aggregate's fields. Axon reads a snapshot only when its revision equals the aggregate's
 * {@code @Revision} (RevisionSnapshotFilter) and otherwise sources the aggregate from all its events; but a snapshot
 * of an older shape with the same revision would be read, a new field left at its default, and decisions would change
 * silently. So this test pins each snapshotted aggregate's fields to its revision: change the fields, and it fails
 * until the revision is raised and the list below updated.
 */
class AggregateSnapshotShapeTest {

    @Test
    void rectificationItemFieldsMatchItsRevision() {
        assertShape(RectificationItem.class, "1", List.of(
                "rectificationId: RectificationId", "issueId: IssueId", "ownerUnitId: UnitId",
                "type: RectificationType", "status: RectificationStatus", "effectiveDeadline: LocalDate",
                "evidence: Set<EvidenceId>", "pendingExtension: PendingExtension", "closureRequestedBy: String",
                "statusBeforeClosureRequest: RectificationStatus", "warningsIssued: Set<WarningLevel>",
                "knownToday: LocalDate",
                "PendingExtension.requestId: ExtensionRequestId", "PendingExtension.requestedBy: String",
                "PendingExtension.proposedDeadline: LocalDate"));
    }

    @Test
    void issueFieldsMatchItsRevision() {
        assertShape(Issue.class, "1", List.of(
                "issueId: IssueId", "status: IssueStatus", "raisedByUnitId: UnitId", "responsibleUnitId: UnitId",
                "rootCauseRevision: int", "rootCause: String", "itemsDone: Map<RectificationId, Boolean>"));
    }

    @Test
    void responsibilityAgreementFieldsMatchItsRevision() {
        assertShape(ResponsibilityAgreement.class, "1", List.of(
                "agreementId: AgreementId", "status: AgreementStatus", "periodStart: LocalDate",
                "periodEnd: LocalDate", "fullScore: int", "items: Map<ResponsibilityItemId, Integer>",
                "usedItemIds: Set<ResponsibilityItemId>", "tasks: Map<TaskId, TaskState>", "usedTaskIds: Set<TaskId>",
                "taskAssignees: Map<TaskId, UnitId>", "issuerUnitId: UnitId", "responsibleUnitId: UnitId",
                "signatures: Map<Party, LocalDate>", "assessed: boolean", "knownToday: LocalDate",
                "TaskState.itemId: ResponsibilityItemId", "TaskState.completed: boolean", "TaskState.dueDate: LocalDate",
                "TaskState.warningsIssued: Set<WarningLevel>"));
    }

    private static void assertShape(Class<?> aggregate, String revision, List<String> fields) {
        assertThat(aggregate.getAnnotation(Revision.class).value()).as("@Revision of %s", aggregate.getSimpleName())
                .isEqualTo(revision);
        List<String> actual = new ArrayList<>(fieldsOf(aggregate, ""));
        for (Class<?> nested : aggregate.getDeclaredClasses()) {
            if (!nested.isEnum() && !Modifier.isPublic(nested.getModifiers())) {
                actual.addAll(fieldsOf(nested, nested.getSimpleName() + "."));
            }
        }
        assertThat(actual).as("the snapshot shape of %s changed: raise its @Revision, then update this test",
                aggregate.getSimpleName()).containsExactlyInAnyOrderElementsOf(fields);
    }

    private static List<String> fieldsOf(Class<?> type, String prefix) {
        List<String> fields = new ArrayList<>();
        for (Field field : type.getDeclaredFields()) {
            if (!Modifier.isStatic(field.getModifiers()) && !field.isSynthetic()) {
                String typeName = field.getGenericType().getTypeName().replaceAll("[\\w.]+[.$](\\w+)", "$1");
                fields.add(prefix + field.getName() + ": " + typeName);
            }
        }
        return fields;
    }
}
