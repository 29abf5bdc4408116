package org.ledger.command.issue;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import org.ledger.command.issue.IssueRequests.AcknowledgementRequest;
import org.ledger.command.issue.IssueRequests.DismissalRequest;
import org.ledger.command.issue.IssueRequests.PlanRectificationRequest;
import org.ledger.command.issue.IssueRequests.RegisterIssueRequest;
import org.ledger.command.issue.IssueRequests.RootCauseRequest;
import org.ledger.command.support.Accepted;
import org.ledger.command.support.CommandResponse;
import org.ledger.command.support.CommandSender;
import org.ledger.command.support.IfMatch;
import org.ledger.command.support.PathIds;
import org.ledger.kernel.issue.IssueCommands.AcknowledgeIssue;
import org.ledger.kernel.issue.IssueCommands.DismissIssue;
import org.ledger.kernel.issue.IssueCommands.PlanRectification;
import org.ledger.kernel.issue.IssueCommands.RecordRootCause;
import org.ledger.kernel.issue.IssueCommands.RegisterIssue;
import org.ledger.kernel.issue.IssueId;
import org.ledger.kernel.issue.ResponsibilityItemRef;
import org.ledger.kernel.rectification.RectificationId;
import org.ledger.kernel.unit.UnitId;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Writes on issues (问题清单): map the request, send the command, answer the new version. */
@RestController
@RequestMapping("/api/issues")
@Tag(name = "Issues 问题", description = "Register, acknowledge, analyse, dismiss issues and plan their rectification")
class IssueCommandController {

    private static final String IF_MATCH_DOC =
            "the ETag of the issue as last read; the write is refused with 412 if the issue changed since";

    private final CommandSender sender;
    private final Clock clock;

    IssueCommandController(CommandSender sender, Clock clock) {
        this.sender = sender;
        this.clock = clock;
    }

    @PostMapping
    @Operation(summary = "Register an issue (登记问题)",
            description = "Answers 201 with the issue's Location in the issue ledger. A client may choose the id; "
                    + "registering an id that exists answers 409 AlreadyExists.")
    ResponseEntity<CommandResponse> register(@Valid @RequestBody RegisterIssueRequest request) {
        IssueId id = request.id() != null ? IssueId.of(request.id()) : IssueId.generate();
        ResponsibilityItemRef item = request.responsibilityItem() == null ? null
                : new ResponsibilityItemRef(request.responsibilityItem().agreementId(),
                        request.responsibilityItem().itemId());
        Accepted accepted = sender.send(new RegisterIssue(id, request.title(), request.description(),
                request.source(), request.sourceReference(), request.category(), request.severity(),
                UnitId.of(request.responsibleUnitId()), UnitId.of(request.raisedByUnitId()), request.foundOn(),
                item), id.value(), null);
        return created(URI.create("/api/ledgers/issues/" + id.value()), accepted);
    }

    @PostMapping("/{id}/acknowledgement")
    @Operation(summary = "Acknowledge an issue for the responsible unit (签收)")
    ResponseEntity<CommandResponse> acknowledge(
            @PathVariable String id,
            @Parameter(description = IF_MATCH_DOC) @RequestHeader(value = HttpHeaders.IF_MATCH, required = false)
            String ifMatch,
            @Valid @RequestBody(required = false) AcknowledgementRequest request) {
        String note = request == null ? null : request.reason();
        return ok(sender.send(new AcknowledgeIssue(issueId(id), IfMatch.expectedVersion(ifMatch), note), id, note));
    }

    @PutMapping("/{id}/root-cause")
    @Operation(summary = "Record or revise the root-cause analysis (原因分析)",
            description = "Every revision is kept in the issue's history; the ledger shows the latest.")
    ResponseEntity<CommandResponse> rootCause(
            @PathVariable String id,
            @Parameter(description = IF_MATCH_DOC) @RequestHeader(value = HttpHeaders.IF_MATCH, required = false)
            String ifMatch,
            @Valid @RequestBody RootCauseRequest request) {
        return ok(sender.send(new RecordRootCause(issueId(id), IfMatch.expectedVersion(ifMatch), request.analysis()),
                id, null));
    }

    @PostMapping("/{id}/dismissal")
    @Operation(summary = "Dismiss an issue (撤销问题)",
            description = "Only the raising unit may dismiss, with a reason, and only before rectification is planned.")
    ResponseEntity<CommandResponse> dismiss(
            @PathVariable String id,
            @Parameter(description = IF_MATCH_DOC) @RequestHeader(value = HttpHeaders.IF_MATCH, required = false)
            String ifMatch,
            @Valid @RequestBody DismissalRequest request) {
        return ok(sender.send(new DismissIssue(issueId(id), IfMatch.expectedVersion(ifMatch), request.reason()),
                id, request.reason()));
    }

    @PostMapping("/{id}/rectifications")
    @Operation(summary = "Plan a rectification item for the issue (制定整改措施)",
            description = "Answers 201 with the item's Location in the rectification ledger. The plan then waits "
                    + "for the supervising side's approval.")
    ResponseEntity<CommandResponse> plan(
            @PathVariable String id,
            @Parameter(description = IF_MATCH_DOC) @RequestHeader(value = HttpHeaders.IF_MATCH, required = false)
            String ifMatch,
            @Valid @RequestBody PlanRectificationRequest request) {
        RectificationId itemId = request.id() != null ? RectificationId.of(request.id()) : RectificationId.generate();
        sender.send(new PlanRectification(issueId(id), IfMatch.expectedVersion(ifMatch), itemId, request.measure(),
                request.type(), UnitId.of(request.ownerUnitId()), request.ownerName(), request.leaderName(),
                request.deadline(), request.target(), LocalDate.now(clock)), id, null);
        // The item's own stream starts at version 0 with RectificationPlanned.
        return created(URI.create("/api/ledgers/rectifications/" + itemId.value()), new Accepted(itemId.value(), 0));
    }

    private static IssueId issueId(String id) {
        return PathIds.parse(id, IssueId::of, "issue");
    }

    private static ResponseEntity<CommandResponse> created(URI location, Accepted accepted) {
        return ResponseEntity.created(location).eTag(accepted.etag()).body(CommandResponse.of(accepted));
    }

    private static ResponseEntity<CommandResponse> ok(Accepted accepted) {
        return ResponseEntity.ok().eTag(accepted.etag()).body(CommandResponse.of(accepted));
    }
}
