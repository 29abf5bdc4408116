package org.ledger.query.evidence;

import java.time.Instant;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.ledger.kernel.rectification.RectificationEvents.EvidenceAttached;
import org.ledger.query.support.ProjectionNames;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Which evidence file belongs to which rectification item (table {@code evidence}, V9): the download looks the
 * file up here, so a client can fetch a file only through an item it is attached to. Evidence is never removed or
 * changed, so a row is written once; a replayed event finds its row and does nothing.
 */
@Component
@ProcessingGroup(ProjectionNames.EVIDENCE)
class EvidenceProjection {

    private final JdbcTemplate jdbc;

    EvidenceProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(EvidenceAttached event, @Timestamp Instant at) {
        Integer known = jdbc.queryForObject(
                "select count(*) from evidence where rectification_id = ? and evidence_id = ?", Integer.class,
                event.rectificationId().value(), event.evidenceId().value());
        if (known != null && known > 0) {
            return;
        }
        jdbc.update("insert into evidence (rectification_id, evidence_id, name, media_type, size_bytes, sha256, "
                        + "attached_at) values (?, ?, ?, ?, ?, ?, ?)",
                event.rectificationId().value(), event.evidenceId().value(), event.name(), event.mediaType(),
                event.size(), event.sha256(), java.sql.Timestamp.from(at));
    }

    @ResetHandler
    void reset() {
        jdbc.update("truncate table evidence"); // not DELETE: ProjectionStatus explains why
    }
}
