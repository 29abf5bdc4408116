package org.ledger.query.evidence;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;

/** Reads the evidence table: one item's file for a download, the file names of many items for an export. */
@Service
public class EvidenceQueries {

    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;

    public EvidenceQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.named = new NamedParameterJdbcTemplate(jdbc);
    }

    /** A file attached to an item, as recorded by its EvidenceAttached event. */
    public record Evidence(String rectificationId, String evidenceId, String name, String mediaType, long size,
                           String sha256) {
    }

    public Optional<Evidence> find(String rectificationId, String evidenceId) {
        List<Evidence> found = jdbc.query("select rectification_id, evidence_id, name, media_type, size_bytes, sha256 "
                        + "from evidence where rectification_id = ? and evidence_id = ?",
                (rs, n) -> new Evidence(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getLong(5), rs.getString(6)),
                rectificationId, evidenceId);
        return found.stream().findFirst();
    }

    /**
     * The file names attached to each of these items, in the order they were attached.
     *
     * @param asOf only files attached by this instant; null for all
     */
    public Map<String, List<String>> namesByItem(Collection<String> rectificationIds, Instant asOf) {
        Map<String, List<String>> names = new LinkedHashMap<>();
        if (rectificationIds.isEmpty()) {
            return names;
        }
        MapSqlParameterSource parameters = new MapSqlParameterSource("ids", rectificationIds);
        String when = "";
        if (asOf != null) {
            parameters.addValue("asOf", Timestamp.from(asOf));
            when = " and attached_at <= :asOf";
        }
        named.query("select rectification_id, name from evidence where rectification_id in (:ids)" + when
                        + " order by rectification_id, attached_at, evidence_id", parameters,
                rs -> {
                    names.computeIfAbsent(rs.getString(1), id -> new ArrayList<>()).add(rs.getString(2));
                });
        return names;
    }
}
