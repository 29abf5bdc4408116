package org.ledger.command.rectification;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.ledger.command.rectification.RectificationRequests.ClosureRequest;
import org.ledger.command.rectification.RectificationRequests.ExtensionApprovalRequest;
import org.ledger.command.rectification.RectificationRequests.ExtensionRejectionRequest;
import org.ledger.command.rectification.RectificationRequests.ExtensionRequestRequest;
import org.ledger.command.rectification.RectificationRequests.PlanApprovalRequest;
import org.ledger.command.rectification.RectificationRequests.PlanReturnRequest;
import org.ledger.command.rectification.RectificationRequests.ProgressReportRequest;
import org.ledger.command.rectification.RectificationRequests.ReopeningRequest;
import org.ledger.command.rectification.RectificationRequests.RevisePlanRequest;
import org.ledger.command.rectification.RectificationRequests.VerificationRequest;
import org.ledger.command.evidence.EvidenceNames;
import org.ledger.command.evidence.EvidenceStore;
import org.ledger.command.evidence.EvidenceType;
import org.ledger.command.support.Accepted;
import org.ledger.command.support.CommandResponse;
import org.ledger.command.support.CommandSender;
import org.ledger.command.support.IfMatch;
import org.ledger.command.support.PathIds;
import org.ledger.kernel.Ids;
import org.ledger.kernel.rectification.EvidenceId;
import org.ledger.kernel.rectification.ExtensionRequestId;
import org.ledger.kernel.rectification.RectificationCommands.ApproveExtension;
import org.ledger.kernel.rectification.RectificationCommands.ApprovePlan;
import org.ledger.kernel.rectification.RectificationCommands.AttachEvidence;
import org.ledger.kernel.rectification.RectificationCommands.RejectExtension;
import org.ledger.kernel.rectification.RectificationCommands.ReopenRectification;
import org.ledger.kernel.rectification.RectificationCommands.ReportProgress;
import org.ledger.kernel.rectification.RectificationCommands.RequestClosure;
import org.ledger.kernel.rectification.RectificationCommands.RequestExtension;
import org.ledger.kernel.rectification.RectificationCommands.ReturnPlan;
import org.ledger.kernel.rectification.RectificationCommands.RevisePlan;
import org.ledger.kernel.rectification.RectificationCommands.VerifyClosure;
import org.ledger.kernel.rectification.RectificationId;
import org.ledger.kernel.unit.UnitId;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.util.unit.DataSize;

/** Writes on rectification items (整改台账): map the request, send the command, answer the new version. */
@RestController
@RequestMapping("/api/rectifications/{id}")
@Tag(name = "Rectification 整改", description = "Approve plans, report progress, attach evidence, extend, close and reopen")
class RectificationCommandController {

    private static final String IF_MATCH_DOC =
            "the ETag of the item as last read; the write is refused with 412 if the item changed since";

    private final CommandSender sender;
    private final Clock clock;
    private final EvidenceStore evidenceStore;
    private final DataSize maxEvidenceSize;

    RectificationCommandController(CommandSender sender, Clock clock, EvidenceStore evidenceStore,
                                   @Value("${ledger.evidence.max-size:20MB}") DataSize maxEvidenceSize) {
        this.sender = sender;
        this.clock = clock;
        this.evidenceStore = evidenceStore;
        this.maxEvidenceSize = maxEvidenceSize;
    }

    @PutMapping("/plan")
    @Operation(summary = "Revise the plan (修改整改方案)",
            description = "Only while the plan waits for approval or after it was returned; it then waits for "
                    + "approval again.")
    ResponseEntity<CommandResponse> revise(@PathVariable String id, @Parameter(description = IF_MATCH_DOC)
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                           @Valid @RequestBody RevisePlanRequest request) {
        return ok(sender.send(new RevisePlan(itemId(id), IfMatch.expectedVersion(ifMatch), request.measure(),
                request.type(), UnitId.of(request.ownerUnitId()), request.ownerName(), request.leaderName(),
                request.deadline(), request.target(), today()), id, null));
    }

    @PostMapping("/plan-approval")
    @Operation(summary = "Approve the plan (审核通过整改方案)")
    ResponseEntity<CommandResponse> approvePlan(@PathVariable String id, @Parameter(description = IF_MATCH_DOC)
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                                @Valid @RequestBody(required = false) PlanApprovalRequest request) {
        String comment = request == null ? null : request.comment();
        return ok(sender.send(new ApprovePlan(itemId(id), IfMatch.expectedVersion(ifMatch), comment), id, null));
    }

    @PostMapping("/plan-return")
    @Operation(summary = "Return the plan for revision (退回整改方案)")
    ResponseEntity<CommandResponse> returnPlan(@PathVariable String id, @Parameter(description = IF_MATCH_DOC)
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                               @Valid @RequestBody PlanReturnRequest request) {
        return ok(sender.send(new ReturnPlan(itemId(id), IfMatch.expectedVersion(ifMatch), request.reason()),
                id, request.reason()));
    }

    @PostMapping("/progress-reports")
    @Operation(summary = "Report progress (报告整改进展)")
    ResponseEntity<CommandResponse> reportProgress(@PathVariable String id, @Parameter(description = IF_MATCH_DOC)
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                                   @Valid @RequestBody ProgressReportRequest request) {
        return ok(sender.send(new ReportProgress(itemId(id), IfMatch.expectedVersion(ifMatch), request.percent(),
                request.note(), evidenceIds(request.evidenceIds()), today()), id, null));
    }

    @PostMapping(value = "/evidence", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(summary = "Upload an evidence file (上传佐证材料)",
            description = "A multipart upload: part 'file' (PDF, PNG, JPEG, GIF, DOCX, XLSX, DOC, XLS or UTF-8 text; "
                    + "the type is read from the bytes and must agree with the part's content type and the file name's "
                    + "extension, else 415), optional field 'id'. The file is stored once per content under its "
                    + "SHA-256; the file name is kept only as a label. Larger than ledger.evidence.max-size (default "
                    + "20MB): 413. Answers 201 with the evidence id, the SHA-256 and the item's new version.")
    @ApiResponse(responseCode = "201", description = "Stored and attached")
    @ApiResponse(responseCode = "413", description = "The file is larger than the limit; nothing was stored")
    @ApiResponse(responseCode = "415", description = "Not an accepted type, or the bytes contradict the declared type")
    ResponseEntity<EvidenceResponse> attachEvidence(@PathVariable String id, @Parameter(description = IF_MATCH_DOC)
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @Parameter(description = "the evidence file") @RequestPart("file") MultipartFile file,
            @Parameter(description = "client-chosen evidence id; generated when absent", example = "ev-1")
            @RequestParam(value = "id", required = false) String evidenceIdParam) throws IOException {
        RectificationId itemId = itemId(id);
        EvidenceId evidenceId = evidenceIdParam == null || evidenceIdParam.isBlank() ? EvidenceId.generate()
                : evidenceId(evidenceIdParam);
        String name = EvidenceNames.sanitise(file.getOriginalFilename());
        long limit = maxEvidenceSize.toBytes();
        if (file.getSize() > limit) {
            throw tooLarge(limit);
        }
        if (file.isEmpty()) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "file: the evidence file is empty");
        }
        EvidenceType type = EvidenceType.detect(file::getInputStream).orElseThrow(() -> new ResponseStatusException(
                HttpStatus.UNSUPPORTED_MEDIA_TYPE, "file: not an accepted evidence type; send PDF, PNG, JPEG, GIF, "
                + "DOCX, XLSX, DOC, XLS or UTF-8 text"));
        if (!type.agreesWith(file.getContentType(), name)) {
            throw new ResponseStatusException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "file: the content is "
                    + type.mediaType() + ", which does not agree with the declared type '" + file.getContentType()
                    + "' or the file name '" + name + "'");
        }
        EvidenceStore.Stored stored;
        try (InputStream content = file.getInputStream()) {
            stored = evidenceStore.put(content, limit);
        } catch (EvidenceStore.TooLarge e) {
            throw tooLarge(limit);
        }
        Accepted accepted = sender.send(new AttachEvidence(itemId, IfMatch.expectedVersion(ifMatch), evidenceId,
                name, type.mediaType(), stored.size(), stored.sha256()), id, null);
        return ResponseEntity.status(HttpStatus.CREATED)
                .location(URI.create("/api/rectifications/" + accepted.id() + "/evidence/" + evidenceId.value()))
                .eTag(accepted.etag())
                .body(new EvidenceResponse(evidenceId.value(), accepted.version(), stored.sha256(), type.mediaType(),
                        stored.size(), name));
    }

    /** The answer to an upload: the evidence's id and what the ledger recorded about it, and the item's version. */
    @Schema(description = "An attached evidence file (佐证材料)")
    record EvidenceResponse(
            @Schema(description = "Evidence id", example = "ev-1") String id,
            @Schema(description = "The item's new version (its ETag)", example = "5") long version,
            @Schema(description = "Hex SHA-256 of the content, also the download's ETag",
                    example = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08") String sha256,
            @Schema(description = "Media type detected from the bytes", example = "image/png") String mediaType,
            @Schema(description = "Size in bytes", example = "48213") long size,
            @Schema(description = "File name as given, without any path", example = "微信群截图.png") String name) {
    }

    @PostMapping("/extension-requests")
    @Operation(summary = "Request an extension (申请延期)",
            description = "Before the deadline, with a reason and a later date; one pending request at a time.")
    ResponseEntity<CommandResponse> requestExtension(@PathVariable String id, @Parameter(description = IF_MATCH_DOC)
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                                     @Valid @RequestBody ExtensionRequestRequest request) {
        ExtensionRequestId requestId = request.id() != null
                ? ExtensionRequestId.of(request.id()) : ExtensionRequestId.generate();
        Accepted accepted = sender.send(new RequestExtension(itemId(id), IfMatch.expectedVersion(ifMatch), requestId,
                request.reason(), request.proposedDeadline(), today()), id, request.reason());
        return part(requestId.value(), accepted);
    }

    @PostMapping("/extension-requests/{requestId}/approval")
    @Operation(summary = "Approve an extension (批准延期)",
            description = "The effective deadline moves; the original deadline stays. Nobody approves their own request.")
    ResponseEntity<CommandResponse> approveExtension(@PathVariable String id, @PathVariable String requestId,
                                                     @Parameter(description = IF_MATCH_DOC)
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                                     @Valid @RequestBody(required = false)
                                                     ExtensionApprovalRequest request) {
        LocalDate newDeadline = request == null ? null : request.newDeadline();
        String comment = request == null ? null : request.comment();
        return ok(sender.send(new ApproveExtension(itemId(id), IfMatch.expectedVersion(ifMatch),
                requestId(requestId), newDeadline, comment), id, null));
    }

    @PostMapping("/extension-requests/{requestId}/rejection")
    @Operation(summary = "Reject an extension (不予延期)")
    ResponseEntity<CommandResponse> rejectExtension(@PathVariable String id, @PathVariable String requestId,
                                                    @Parameter(description = IF_MATCH_DOC)
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                                    @Valid @RequestBody ExtensionRejectionRequest request) {
        return ok(sender.send(new RejectExtension(itemId(id), IfMatch.expectedVersion(ifMatch), requestId(requestId),
                request.reason()), id, request.reason()));
    }

    @PostMapping("/closure-request")
    @Operation(summary = "Request closure (申请销号)", description = "Needs a statement and at least one attached evidence.")
    ResponseEntity<CommandResponse> requestClosure(@PathVariable String id, @Parameter(description = IF_MATCH_DOC)
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                                   @Valid @RequestBody ClosureRequest request) {
        return ok(sender.send(new RequestClosure(itemId(id), IfMatch.expectedVersion(ifMatch), request.statement(),
                evidenceIds(request.evidenceIds()), today()), id, null));
    }

    @PostMapping("/verification")
    @Operation(summary = "Verify a closure request (核查销号)",
            description = "CLOSED closes the item (销号); ONGOING keeps a long-term measure open with periodic reports; "
                    + "RETURNED sends it back. The verifier must not be the requester.")
    ResponseEntity<CommandResponse> verify(@PathVariable String id, @Parameter(description = IF_MATCH_DOC)
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                           @Valid @RequestBody VerificationRequest request) {
        return ok(sender.send(new VerifyClosure(itemId(id), IfMatch.expectedVersion(ifMatch), request.outcome(),
                request.comment(), today()), id, request.comment()));
    }

    @PostMapping("/reopening")
    @Operation(summary = "Reopen a closed item (重新整改)",
            description = "With a reason and a new deadline; the earlier closure stays in the history.")
    ResponseEntity<CommandResponse> reopen(@PathVariable String id, @Parameter(description = IF_MATCH_DOC)
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                           @Valid @RequestBody ReopeningRequest request) {
        return ok(sender.send(new ReopenRectification(itemId(id), IfMatch.expectedVersion(ifMatch), request.reason(),
                request.newDeadline(), request.lookBackId(), today()), id, request.reason()));
    }

    private LocalDate today() {
        return LocalDate.now(clock);
    }

    private static RectificationId itemId(String id) {
        return PathIds.parse(id, RectificationId::of, "rectification item");
    }

    private static EvidenceId evidenceId(String id) {
        try {
            return EvidenceId.of(id);
        } catch (IllegalArgumentException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "id: must match " + Ids.PATTERN);
        }
    }

    private static ResponseStatusException tooLarge(long limit) {
        return new ResponseStatusException(HttpStatus.PAYLOAD_TOO_LARGE,
                "file: the evidence file is larger than the limit of " + limit + " bytes; nothing was stored");
    }

    private static ExtensionRequestId requestId(String id) {
        return PathIds.parse(id, ExtensionRequestId::of, "extension request");
    }

    private static List<EvidenceId> evidenceIds(List<String> ids) {
        return ids == null ? List.of() : ids.stream().map(EvidenceId::of).toList();
    }

    private static ResponseEntity<CommandResponse> ok(Accepted accepted) {
        return ResponseEntity.ok().eTag(accepted.etag()).body(CommandResponse.of(accepted));
    }

    /** A part created inside the item (evidence, extension request): its id, and the item's new version as ETag. */
    private static ResponseEntity<CommandResponse> part(String partId, Accepted accepted) {
        return ResponseEntity.status(HttpStatus.CREATED)
                .location(URI.create("/api/ledgers/rectifications/" + accepted.id()))
                .eTag(accepted.etag())
                .body(new CommandResponse(partId, accepted.version()));
    }
}
