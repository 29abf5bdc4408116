package org.ledger.command.lookback;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDate;
import org.ledger.command.lookback.LookBackRequests.CheckRequest;
import org.ledger.command.lookback.LookBackRequests.CompletionRequest;
import org.ledger.command.lookback.LookBackRequests.OpenLookBackRequest;
import org.ledger.command.lookback.registry.ClosedItemRegistry;
import org.ledger.command.support.Accepted;
import org.ledger.command.support.CommandResponse;
import org.ledger.command.support.CommandSender;
import org.ledger.command.support.IfMatch;
import org.ledger.command.support.PathIds;
import org.ledger.command.support.RequestContext;
import org.ledger.kernel.issue.IssueId;
import org.ledger.kernel.lookback.CheckOutcome;
import org.ledger.kernel.lookback.LookBackCommands.CompleteLookBack;
import org.ledger.kernel.lookback.LookBackCommands.DrawSample;
import org.ledger.kernel.lookback.LookBackCommands.OpenLookBack;
import org.ledger.kernel.lookback.LookBackCommands.RecordCheck;
import org.ledger.kernel.lookback.LookBackId;
import org.ledger.kernel.lookback.SamplingMode;
import org.ledger.kernel.rectification.RectificationId;
import org.ledger.kernel.unit.UnitId;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** Writes on look-back campaigns (回头看): open, draw the sample, record checks, complete. */
@RestController
@RequestMapping("/api/look-backs")
@Tag(name = "Look-backs 回头看", description = "Campaigns that re-check a sample of closed rectification items")
class LookBackCommandController {

    private static final String IF_MATCH_DOC =
            "the ETag of the campaign as last read; the write is refused with 412 if it changed since";

    private final CommandSender sender;
    private final Clock clock;
    private final ClosedItemRegistry items;
    private final RequestContext context;
    private final SecureRandom seeds = new SecureRandom();

    LookBackCommandController(CommandSender sender, Clock clock, ClosedItemRegistry items, RequestContext context) {
        this.sender = sender;
        this.clock = clock;
        this.items = items;
        this.context = context;
    }

    @PostMapping
    @Operation(summary = "Open a look-back campaign (启动回头看)",
            description = "Scope: the given units with their subtrees, items closed within the period. Sampling: "
                    + "sampleSize items, or samplePercent of them, or all when neither is given; the seed is "
                    + "recorded so that the draw can be reproduced.")
    ResponseEntity<CommandResponse> open(@Valid @RequestBody OpenLookBackRequest request) {
        if (request.sampleSize() != null && request.samplePercent() != null) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
                    "give sampleSize or samplePercent, not both");
        }
        SamplingMode mode = request.sampleSize() != null ? SamplingMode.COUNT
                : request.samplePercent() != null ? SamplingMode.PERCENT : SamplingMode.ALL;
        int value = request.sampleSize() != null ? request.sampleSize()
                : request.samplePercent() != null ? request.samplePercent() : 0;
        long seed = request.seed() != null ? request.seed() : seeds.nextLong();
        LookBackId id = request.id() != null ? LookBackId.of(request.id()) : LookBackId.generate();
        Accepted accepted = sender.send(new OpenLookBack(id, request.name(),
                request.unitIds().stream().map(UnitId::of).toList(), request.closedFrom(), request.closedTo(),
                mode, value, seed), id.value(), null);
        return ResponseEntity.created(URI.create("/api/look-backs/" + id.value())).eTag(accepted.etag())
                .body(CommandResponse.of(accepted));
    }

    @PostMapping("/{id}/sample")
    @Operation(summary = "Draw and record the sample (抽样)",
            description = "Draws from every item closed in scope now, with the campaign's seed; the candidates and "
                    + "the sample are recorded, so the same draw can be made again.")
    ResponseEntity<CommandResponse> sample(
            @PathVariable String id,
            @Parameter(description = IF_MATCH_DOC)
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        return ok(sender.send(new DrawSample(lookBackId(id), IfMatch.expectedVersion(ifMatch)), id, null));
    }

    @PostMapping("/{id}/checks")
    @Operation(summary = "Record the check of a sampled item (核查)",
            description = "CONFIRMED: the rectification holds. REBOUNDED: the item is reopened with the finding as "
                    + "reason and newDeadline. NEW_ISSUE: an issue with source LOOK_BACK is registered for the "
                    + "item's owner unit.")
    ResponseEntity<CommandResponse> check(
            @PathVariable String id,
            @Parameter(description = IF_MATCH_DOC)
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @Valid @RequestBody CheckRequest request) {
        LookBackId lookBackId = lookBackId(id);
        RectificationId item = RectificationId.of(request.rectificationId());
        IssueId newIssueId = null;
        String title = null;
        UnitId responsible = null;
        UnitId raisedBy = null;
        if (request.outcome() == CheckOutcome.NEW_ISSUE) {
            newIssueId = IssueId.of(derivedIssueId(lookBackId, item));
            title = request.issueTitle() != null ? request.issueTitle() : titleFrom(request.finding());
            responsible = items.find(item).map(ClosedItemRegistry.Entry::ownerUnitId).orElse(null);
            String unit = context.actor().unit();
            raisedBy = unit == null ? null : UnitId.of(unit);
        }
        return ok(sender.send(new RecordCheck(lookBackId, IfMatch.expectedVersion(ifMatch), item, request.outcome(),
                request.finding(), request.newDeadline(), newIssueId, title, responsible, raisedBy,
                LocalDate.now(clock)), id, request.finding()));
    }

    @PostMapping("/{id}/completion")
    @Operation(summary = "Complete the campaign with a summary (总结)",
            description = "Once every sampled item is checked.")
    ResponseEntity<CommandResponse> complete(
            @PathVariable String id,
            @Parameter(description = IF_MATCH_DOC)
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @Valid @RequestBody CompletionRequest request) {
        return ok(sender.send(new CompleteLookBack(lookBackId(id), IfMatch.expectedVersion(ifMatch),
                request.summary()), id, null));
    }

    /** The new issue's id follows from campaign and item, so a retried check cannot register it twice. */
    private static String derivedIssueId(LookBackId lookBack, RectificationId item) {
        String id = lookBack.value() + "-" + item.value();
        return id.length() <= 64 ? id : id.substring(0, 64);
    }

    private static String titleFrom(String finding) {
        String title = "回头看发现：" + finding.strip();
        return title.length() <= 200 ? title : title.substring(0, 199) + "…";
    }

    private static LookBackId lookBackId(String id) {
        return PathIds.parse(id, LookBackId::of, "look-back");
    }

    private static ResponseEntity<CommandResponse> ok(Accepted accepted) {
        return ResponseEntity.ok().eTag(accepted.etag()).body(CommandResponse.of(accepted));
    }
}
