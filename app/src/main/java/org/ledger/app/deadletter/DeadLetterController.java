package org.ledger.app.deadletter;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import org.ledger.app.deadletter.DeadLetters.Letter;
import org.ledger.app.deadletter.DeadLetters.RetryOutcome;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Operators' handling of the events a projection could not apply (ADMIN only: retrying and evicting change what
 * the ledgers show). See README, "Dead letters".
 */
@RestController
@PreAuthorize("hasRole('ADMIN')")
@Tag(name = "Administration", description = "Projections (ledgers, audit log, integrity chain) and their rebuild")
class DeadLetterController {

    private final DeadLetters deadLetters;

    DeadLetterController(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    @Schema(description = "Dead letters of one projection")
    record GroupCount(
            @Schema(description = "Processing group", example = "issue-ledger") String group,
            @Schema(description = "Events waiting in its dead-letter queue", example = "1") long letters) {
    }

    @Schema(description = "Letters evicted")
    record Evicted(@Schema(description = "How many letters were dropped", example = "2") int evicted) {
    }

    @GetMapping("/api/admin/dead-letters")
    @Operation(summary = "Count the dead letters of every projection that has a dead-letter queue",
            description = "The integrity chain has none: it stops and retries instead (README, \"Dead letters\").")
    @ApiResponse(responseCode = "200", description = "Letters per projection")
    @ApiResponse(responseCode = "403", description = "Not an administrator")
    List<GroupCount> counts() {
        return deadLetters.counts().entrySet().stream()
                .map((Map.Entry<String, Long> e) -> new GroupCount(e.getKey(), e.getValue()))
                .toList();
    }

    @GetMapping("/api/admin/dead-letters/{group}")
    @Operation(summary = "List a projection's dead letters",
            description = "Sequence by sequence (an aggregate's events, or the whole projection for the one-sequence "
                    + "ledgers), each in the order its events must be applied: event, why it failed, when, retries.")
    @ApiResponse(responseCode = "200", description = "The letters")
    @ApiResponse(responseCode = "403", description = "Not an administrator")
    @ApiResponse(responseCode = "404", description = "No such projection, or it has no dead-letter queue")
    List<Letter> letters(@Parameter(description = "Processing group", example = "issue-ledger")
                         @PathVariable String group) {
        return deadLetters.list(group);
    }

    @PostMapping("/api/admin/dead-letters/{group}/retry")
    @Operation(summary = "Retry a projection's dead letters",
            description = "Each sequence once, from its first letter on, until all are applied or one fails again "
                    + "(it and the letters after it stay, one more retry counted). Fix the cause first.")
    @ApiResponse(responseCode = "200", description = "How many letters were applied and how many still fail")
    @ApiResponse(responseCode = "403", description = "Not an administrator")
    @ApiResponse(responseCode = "404", description = "No such projection, or it has no dead-letter queue")
    RetryOutcome retry(@Parameter(description = "Processing group", example = "issue-ledger")
                       @PathVariable String group) {
        return deadLetters.retry(group);
    }

    @DeleteMapping("/api/admin/dead-letters/{group}/letters/{eventId}")
    @Operation(summary = "Evict one dead letter",
            description = "The projection will never apply that event (until it is rebuilt); the letters after it "
                    + "in its sequence stay and are retried without it.")
    @ApiResponse(responseCode = "200", description = "The evicted letter")
    @ApiResponse(responseCode = "403", description = "Not an administrator")
    @ApiResponse(responseCode = "404", description = "No such projection or letter")
    Letter evictLetter(@Parameter(description = "Processing group", example = "issue-ledger")
                       @PathVariable String group,
                       @Parameter(description = "Event identifier of the letter",
                               example = "4f7c2a9e-8d1b-4c3a-9e55-0b6a1d2c3e4f")
                       @PathVariable String eventId) {
        return deadLetters.evictLetter(group, eventId);
    }

    @DeleteMapping("/api/admin/dead-letters/{group}/sequences/{sequenceId}")
    @Operation(summary = "Evict a whole dead-letter sequence",
            description = "The projection will never apply those events (until it is rebuilt).")
    @ApiResponse(responseCode = "200", description = "How many letters were evicted")
    @ApiResponse(responseCode = "403", description = "Not an administrator")
    @ApiResponse(responseCode = "404", description = "No such projection or sequence")
    Evicted evictSequence(@Parameter(description = "Processing group", example = "issue-ledger")
                          @PathVariable String group,
                          @Parameter(description = "Sequence identifier (the aggregate id, or the projection's name)",
                                  example = "issue-2024-001")
                          @PathVariable String sequenceId) {
        return new Evicted(deadLetters.evictSequence(group, sequenceId));
    }
}
