package org.ledger.query.evidence;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import org.ledger.query.evidence.EvidenceQueries.Evidence;
import org.ledger.query.rectification.RectificationLedgerQueries;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Serves an evidence file back (佐证材料下载). The file is found through the item it is attached to (the
 * {@code evidence} table), read from the content-addressed store, and checked against the SHA-256 its event
 * recorded before a byte is sent: a file changed on disk is never served as if it were the evidence.
 *
 * <p>A missing or altered file is the store's fault, not the client's: it answers 500 with a detail saying so,
 * and an ERROR log line names item, evidence and hash for the operator.
 */
@RestController
@Tag(name = "Rectification ledger (整改台账)")
class EvidenceFileController {

    private static final Logger log = LoggerFactory.getLogger(EvidenceFileController.class);

    private final EvidenceQueries evidence;
    private final ObjectProvider<EvidenceFiles> files;
    private final RectificationLedgerQueries items;

    EvidenceFileController(EvidenceQueries evidence, ObjectProvider<EvidenceFiles> files,
                           RectificationLedgerQueries items) {
        this.evidence = evidence;
        this.files = files;
        this.items = items;
    }

    @GetMapping("/api/rectifications/{id}/evidence/{evidenceId}")
    @Operation(summary = "Download an evidence file (下载佐证材料)",
            description = "The file as uploaded, with its detected media type, its name as Content-Disposition "
                    + "attachment and its SHA-256 as ETag. The content is verified against the recorded SHA-256 "
                    + "first.")
    @ApiResponse(responseCode = "200", description = "The file")
    @ApiResponse(responseCode = "404", description = "No such evidence on this item")
    @ApiResponse(responseCode = "500", description = "The stored file is missing or does not match its hash")
    void download(@Parameter(description = "Rectification item id", example = "rect-2024-001-1")
                  @PathVariable String id,
                  @Parameter(description = "Evidence id", example = "ev-1") @PathVariable String evidenceId,
                  HttpServletResponse response) throws IOException {
        // Read access (DESIGN.md §6): the file of an item the reader may not see is not found, like the item.
        Evidence found = evidence.find(id, evidenceId).filter(file -> items.find(id, null).isPresent()).orElseThrow(() -> new ResponseStatusException(
                HttpStatus.NOT_FOUND, "No evidence '" + evidenceId + "' on rectification item '" + id + "'"));
        EvidenceFiles store = files.getIfAvailable();
        if (store == null) {
            throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, "This node has no evidence store.");
        }
        String actual = hash(store, found);
        if (!found.sha256().equalsIgnoreCase(actual)) {
            log.error("Evidence file of item {} evidence {} does not match its recorded SHA-256 {} (found {})",
                    found.rectificationId(), found.evidenceId(), found.sha256(), actual);
            throw corrupt();
        }
        response.setStatus(HttpStatus.OK.value());
        response.setContentType(found.mediaType().equals("text/plain") ? "text/plain;charset=UTF-8"
                : found.mediaType());
        response.setContentLengthLong(found.size());
        response.setHeader(HttpHeaders.ETAG, "\"" + found.sha256() + "\"");
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
                ContentDisposition.attachment().filename(found.name(), StandardCharsets.UTF_8).build().toString());
        try (InputStream in = open(store, found); OutputStream out = response.getOutputStream()) {
            in.transferTo(out);
        }
    }

    /** The SHA-256 of the stored file, read once in full before anything is sent. */
    private static String hash(EvidenceFiles store, Evidence found) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
        try (InputStream in = open(store, found)) {
            byte[] buffer = new byte[64 * 1024];
            int read;
            while ((read = in.read(buffer)) >= 0) {
                digest.update(buffer, 0, read);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static InputStream open(EvidenceFiles store, Evidence found) throws IOException {
        Optional<InputStream> in = store.open(found.sha256());
        if (in.isEmpty()) {
            log.error("Evidence file of item {} evidence {} with SHA-256 {} is missing from the store",
                    found.rectificationId(), found.evidenceId(), found.sha256());
            throw corrupt();
        }
        return in.get();
    }

    private static ResponseStatusException corrupt() {
        return new ResponseStatusException(HttpStatus.INTERNAL_SERVER_ERROR, "The stored evidence file is missing "
                + "or corrupt (it no longer matches the SHA-256 recorded when it was attached). The error has been "
                + "logged; nothing was sent.");
    }
}
