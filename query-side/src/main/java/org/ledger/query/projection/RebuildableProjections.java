package org.ledger.query.projection;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ledger.query.support.ProjectionNames;

/**
 * The projections a rebuild of {@code all} resets, each with the API paths it serves: while it replays, reads
 * (GET) under those paths answer 503 instead of half a ledger ({@link LedgerRebuildGuard}); commands under the
 * same paths (POST /api/units) are not affected. A new ledger adds one entry.
 *
 * <p>Deliberately not here: the integrity chain ({@link ProjectionNames#INTEGRITY_CHAIN}), an audit record
 * that is reset only when named (resetting it recomputes it from the rows as they are now and would hide an
 * earlier change); and any command-side processor (a replayed policy would send its commands again).
 */
public final class RebuildableProjections {

    /** Processing group → path prefixes of the endpoints that read it. */
    static final Map<String, List<String>> PATHS = Map.of(
            ProjectionNames.ISSUE_LEDGER, List.of("/api/ledgers/issues"),
            ProjectionNames.RECTIFICATION_LEDGER, List.of("/api/ledgers/rectifications"),
            ProjectionNames.RESPONSIBILITY_LEDGER, List.of("/api/ledgers/responsibilities"),
            ProjectionNames.TASK_LEDGER, List.of("/api/ledgers/tasks"),
            ProjectionNames.UNIT_TREE, List.of("/api/units"),
            ProjectionNames.LOOK_BACK_REPORT, List.of("/api/look-backs"),
            ProjectionNames.AUDIT_LOG, List.of("/api/audit/events"),
            ProjectionNames.RECTIFICATION_STATISTICS, List.of("/api/statistics/rectification"),
            // the only reads under /api/rectifications are evidence downloads
            ProjectionNames.EVIDENCE, List.of("/api/rectifications"));

    private RebuildableProjections() {
    }

    /** The processing group whose rows answer this request path, if any. */
    static Optional<String> groupServing(String path) {
        for (Map.Entry<String, List<String>> entry : PATHS.entrySet()) {
            for (String prefix : entry.getValue()) {
                if (path.equals(prefix) || path.startsWith(prefix + "/")) {
                    return Optional.of(entry.getKey());
                }
            }
        }
        return Optional.empty();
    }
}
