package org.ledger.command.agreement;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.ledger.command.agreement.AgreementRequests.AddItemRequest;
import org.ledger.command.agreement.AgreementRequests.AmendmentRequest;
import org.ledger.command.agreement.AgreementRequests.ArchivalRequest;
import org.ledger.command.agreement.AgreementRequests.AssessmentRequest;
import org.ledger.command.agreement.AgreementRequests.ChangeItemRequest;
import org.ledger.command.agreement.AgreementRequests.ChangeTaskRequest;
import org.ledger.command.agreement.AgreementRequests.DraftAgreementRequest;
import org.ledger.command.agreement.AgreementRequests.PlanTaskRequest;
import org.ledger.command.agreement.AgreementRequests.SignatureRequest;
import org.ledger.command.agreement.AgreementRequests.TaskProgressRequest;
import org.ledger.command.support.Accepted;
import org.ledger.command.support.CommandResponse;
import org.ledger.command.support.CommandSender;
import org.ledger.command.support.IfMatch;
import org.ledger.command.support.PathIds;
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
import org.ledger.kernel.agreement.AgreementId;
import org.ledger.kernel.agreement.ItemScore;
import org.ledger.kernel.agreement.ResponsibilityItemId;
import org.ledger.kernel.agreement.TaskId;
import org.ledger.kernel.unit.UnitId;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Writes on responsibility agreements (党建责任书): map the request, send the command, answer the agreement's new
 * version. Items and tasks live inside their agreement, so every answer's ETag is the agreement's version.
 */
@RestController
@RequestMapping("/api/agreements")
@Tag(name = "Agreements 责任书", description = "Draft responsibility agreements, add items and tasks, sign, report "
        + "task progress, assess and archive")
class AgreementCommandController {

    private static final String IF_MATCH_DOC =
            "the ETag of the agreement as last read; the write is refused with 412 if the agreement changed since";
    private static final String LEDGER = "/api/ledgers/responsibilities/";

    private final CommandSender sender;
    private final Clock clock;

    AgreementCommandController(CommandSender sender, Clock clock) {
        this.sender = sender;
        this.clock = clock;
    }

    @PostMapping
    @Operation(summary = "Draft a responsibility agreement (起草党建责任书)",
            description = "Answers 201 with the agreement's Location in the responsibility ledger. A client may choose "
                    + "the id; drafting an id that exists answers 409 AlreadyExists.")
    ResponseEntity<CommandResponse> draft(@Valid @RequestBody DraftAgreementRequest request) {
        AgreementId id = request.id() != null ? AgreementId.of(request.id()) : AgreementId.generate();
        int fullScore = request.fullScore() != null ? request.fullScore() : DraftAgreement.DEFAULT_FULL_SCORE;
        Accepted accepted = sender.send(new DraftAgreement(id, request.title(), request.periodStart(),
                request.periodEnd(), UnitId.of(request.issuerUnitId()), UnitId.of(request.responsibleUnitId()),
                fullScore), id.value(), null);
        return ResponseEntity.created(URI.create(LEDGER + id.value())).eTag(accepted.etag())
                .body(CommandResponse.of(accepted));
    }

    @PostMapping("/{id}/items")
    @Operation(summary = "Add a responsibility item (添加责任事项)",
            description = "While drafting; once a party has signed, only as an amendment with a reason. Answers 201 "
                    + "with the item id and the agreement's new version.")
    ResponseEntity<CommandResponse> addItem(@PathVariable String id, @Parameter(description = IF_MATCH_DOC)
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                            @Valid @RequestBody AddItemRequest request) {
        ResponsibilityItemId itemId = request.id() != null
                ? ResponsibilityItemId.of(request.id()) : ResponsibilityItemId.generate();
        Accepted accepted = sender.send(new AddItem(agreementId(id), IfMatch.expectedVersion(ifMatch), itemId,
                request.category(), request.content(), request.weight()), id, request.reason());
        return part(URI.create(LEDGER + id), itemId.value(), accepted);
    }

    @PutMapping("/{id}/items/{itemId}")
    @Operation(summary = "Change a responsibility item (修改责任事项)",
            description = "While drafting; once a party has signed, only as an amendment with a reason, and not after "
                    + "the assessment. Weights must add up to the full score again before the assessment.")
    ResponseEntity<CommandResponse> changeItem(@PathVariable String id, @PathVariable String itemId,
                                               @Parameter(description = IF_MATCH_DOC)
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                               @Valid @RequestBody ChangeItemRequest request) {
        return ok(sender.send(new ChangeItem(agreementId(id), IfMatch.expectedVersion(ifMatch), itemId(itemId),
                request.category(), request.content(), request.weight()), id, request.reason()));
    }

    @DeleteMapping("/{id}/items/{itemId}")
    @Operation(summary = "Remove a responsibility item (删除责任事项)",
            description = "Only when the item has no tasks left. Once a party has signed, an amendment: give the "
                    + "reason in the body or as the reason parameter.")
    ResponseEntity<CommandResponse> removeItem(@PathVariable String id, @PathVariable String itemId,
                                               @Parameter(description = IF_MATCH_DOC)
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                               @Parameter(description = "amendment reason (instead of a body)",
                                                       example = "该事项已并入其他事项")
                                               @RequestParam(required = false) String reason,
                                               @Valid @RequestBody(required = false) AmendmentRequest request) {
        return ok(sender.send(new RemoveItem(agreementId(id), IfMatch.expectedVersion(ifMatch), itemId(itemId)), id,
                reason(request == null ? null : request.reason(), reason)));
    }

    @PostMapping("/{id}/items/{itemId}/tasks")
    @Operation(summary = "Plan a task for an item (制定任务)",
            description = "Due within the agreement's period. Once a party has signed, an amendment with a reason. "
                    + "Answers 201 with the task's Location in the task ledger.")
    ResponseEntity<CommandResponse> planTask(@PathVariable String id, @PathVariable String itemId,
                                             @Parameter(description = IF_MATCH_DOC)
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                             @Valid @RequestBody PlanTaskRequest request) {
        TaskId taskId = request.id() != null ? TaskId.of(request.id()) : TaskId.generate();
        Accepted accepted = sender.send(new PlanTask(agreementId(id), IfMatch.expectedVersion(ifMatch), taskId,
                itemId(itemId), request.description(), UnitId.of(request.assigneeUnitId()), request.assigneeName(),
                request.dueDate()), id, request.reason());
        return part(URI.create("/api/ledgers/tasks/" + taskId.value()), taskId.value(), accepted);
    }

    @PutMapping("/{id}/tasks/{taskId}")
    @Operation(summary = "Change a task (修改任务)",
            description = "Description, assignee and due date; not once completed. Once a party has signed, an "
                    + "amendment with a reason.")
    ResponseEntity<CommandResponse> changeTask(@PathVariable String id, @PathVariable String taskId,
                                               @Parameter(description = IF_MATCH_DOC)
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                               @Valid @RequestBody ChangeTaskRequest request) {
        return ok(sender.send(new ChangeTask(agreementId(id), IfMatch.expectedVersion(ifMatch), taskId(taskId),
                request.description(), UnitId.of(request.assigneeUnitId()), request.assigneeName(),
                request.dueDate()), id, request.reason()));
    }

    @DeleteMapping("/{id}/tasks/{taskId}")
    @Operation(summary = "Cancel a task (取消任务)",
            description = "Not once completed. Once a party has signed, an amendment: give the reason in the body or "
                    + "as the reason parameter. The task leaves the task ledger; reads as of earlier still show it.")
    ResponseEntity<CommandResponse> cancelTask(@PathVariable String id, @PathVariable String taskId,
                                               @Parameter(description = IF_MATCH_DOC)
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                               @Parameter(description = "amendment reason (instead of a body)",
                                                       example = "任务已由上级统一组织")
                                               @RequestParam(required = false) String reason,
                                               @Valid @RequestBody(required = false) AmendmentRequest request) {
        return ok(sender.send(new CancelTask(agreementId(id), IfMatch.expectedVersion(ifMatch), taskId(taskId)), id,
                reason(request == null ? null : request.reason(), reason)));
    }

    @PostMapping("/{id}/signatures")
    @Operation(summary = "Sign the agreement for one party (签订责任书)",
            description = "Needs at least one item, with weights adding up to the full score. Each party signs once; "
                    + "with both signatures the agreement is IN_FORCE.")
    ResponseEntity<CommandResponse> sign(@PathVariable String id, @Parameter(description = IF_MATCH_DOC)
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                         @Valid @RequestBody SignatureRequest request) {
        return ok(sender.send(new SignAgreement(agreementId(id), IfMatch.expectedVersion(ifMatch), request.party(),
                request.signerName(), request.signedOn()), id, null));
    }

    @PostMapping("/{id}/tasks/{taskId}/progress-reports")
    @Operation(summary = "Report task progress (报告任务进展)",
            description = "Once the agreement is in force. completed=true (with percent 100) completes the task; a "
                    + "completed task is final.")
    ResponseEntity<CommandResponse> reportProgress(@PathVariable String id, @PathVariable String taskId,
                                                   @Parameter(description = IF_MATCH_DOC)
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                                   @Valid @RequestBody TaskProgressRequest request) {
        boolean completed = Boolean.TRUE.equals(request.completed());
        if (completed && request.percent() != 100) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "a completed task reports 100 percent");
        }
        return ok(sender.send(new ReportTaskProgress(agreementId(id), IfMatch.expectedVersion(ifMatch),
                taskId(taskId), request.percent(), request.note(), completed, today()), id, null));
    }

    @PostMapping("/{id}/assessment")
    @Operation(summary = "Assess the agreement (述职考评)",
            description = "Once in force: a score (0..weight) for every item and a grade; the total is their sum. "
                    + "Assessing again replaces the scores and needs a reason.")
    ResponseEntity<CommandResponse> assess(@PathVariable String id, @Parameter(description = IF_MATCH_DOC)
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                           @Valid @RequestBody AssessmentRequest request) {
        List<ItemScore> scores = request.scores().stream()
                .map(score -> new ItemScore(ResponsibilityItemId.of(score.itemId()), score.score(), score.comment()))
                .toList();
        return ok(sender.send(new AssessAgreement(agreementId(id), IfMatch.expectedVersion(ifMatch), scores,
                request.grade(), today()), id, request.reason()));
    }

    @PostMapping("/{id}/archival")
    @Operation(summary = "Archive the agreement (归档)",
            description = "Only an agreement in force; an archived agreement takes no further changes.")
    ResponseEntity<CommandResponse> archive(@PathVariable String id, @Parameter(description = IF_MATCH_DOC)
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                            @Valid @RequestBody(required = false) ArchivalRequest request) {
        String reason = request == null ? null : request.reason();
        return ok(sender.send(new ArchiveAgreement(agreementId(id), IfMatch.expectedVersion(ifMatch), today()), id,
                reason));
    }

    private LocalDate today() {
        return LocalDate.now(clock);
    }

    /** The reason from the body, else from the query parameter (DELETE bodies are awkward for some clients). */
    private static String reason(String fromBody, String fromParameter) {
        if (fromBody != null && !fromBody.isBlank()) {
            return fromBody;
        }
        if (fromParameter != null && fromParameter.length() > 2000) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "reason must be at most 2000 characters");
        }
        return fromParameter;
    }

    private static AgreementId agreementId(String id) {
        return PathIds.parse(id, AgreementId::of, "agreement");
    }

    private static ResponsibilityItemId itemId(String id) {
        return PathIds.parse(id, ResponsibilityItemId::of, "responsibility item");
    }

    private static TaskId taskId(String id) {
        return PathIds.parse(id, TaskId::of, "task");
    }

    private static ResponseEntity<CommandResponse> ok(Accepted accepted) {
        return ResponseEntity.ok().eTag(accepted.etag()).body(CommandResponse.of(accepted));
    }

    /** A part created inside the agreement (item, task): its id, and the agreement's new version as ETag. */
    private static ResponseEntity<CommandResponse> part(URI location, String partId, Accepted accepted) {
        return ResponseEntity.status(HttpStatus.CREATED).location(location).eTag(accepted.etag())
                .body(new CommandResponse(partId, accepted.version()));
    }
}
