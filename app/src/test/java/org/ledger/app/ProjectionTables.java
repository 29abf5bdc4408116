package org.ledger.app;

import java.sql.Clob;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The tables of every projection that a rebuild of 'all' resets, read row by row so that two reads can be compared:
 * what the projections built as the events came in, and what a full rebuild gives from the event store. Used by the
 * rebuild test and by the crash test (where the database belongs to a separate process).
 */
public final class ProjectionTables {

    /**
     * Every table of every projection that a rebuild of 'all' resets (RebuildableProjections; the Flyway scripts
     * V2–V9) → its business key and version order (the surrogate row_id is left out of the comparison).
     */
    public static final Map<String, String> LEDGER_TABLES = Map.ofEntries(
            // issue-ledger
            Map.entry("issue_ledger", "id, valid_from, version"),
            Map.entry("issue_ledger_item", "rectification_id"),
            // rectification-ledger
            Map.entry("rectification_ledger", "id, valid_from, version"),
            Map.entry("rectification_ledger_issue", "issue_id"),
            // responsibility-ledger
            Map.entry("responsibility_ledger_agreement", "id, valid_from, version"),
            Map.entry("responsibility_ledger", "agreement_id, id, valid_from, version"),
            Map.entry("responsibility_ledger_issue", "issue_id"),
            // task-ledger
            Map.entry("task_ledger", "agreement_id, id, valid_from, version"),
            Map.entry("task_ledger_agreement", "agreement_id"),
            Map.entry("task_ledger_item", "item_key"),
            // unit-tree
            Map.entry("unit_tree", "id, valid_from, version"),
            // look-back-report
            Map.entry("look_back", "id"),
            Map.entry("look_back_sample", "look_back_id, rectification_id"),
            // rectification-statistics
            Map.entry("statistics_issue", "id, valid_from, version"),
            Map.entry("statistics_item", "id, valid_from, version"),
            // evidence
            Map.entry("evidence", "rectification_id, evidence_id"),
            // audit-log
            Map.entry("audit_log", "global_index"));

    private ProjectionTables() {
    }

    /** Every row of every ledger table, all columns but row_id, in business-key order; CLOBs read as text. */
    public static Map<String, List<Map<String, Object>>> snapshot(JdbcTemplate jdbc) {
        Map<String, List<Map<String, Object>>> tables = new LinkedHashMap<>();
        LEDGER_TABLES.forEach((table, order) -> {
            List<String> columns = jdbc.queryForList("select column_name from information_schema.columns "
                    + "where lower(table_name) = ? and lower(column_name) <> 'row_id' order by ordinal_position",
                    String.class, table);
            List<Map<String, Object>> rows = jdbc.queryForList("select " + String.join(", ", columns) + " from "
                    + table + " order by " + order);
            List<Map<String, Object>> normalised = new ArrayList<>();
            for (Map<String, Object> row : rows) {
                Map<String, Object> copy = new LinkedHashMap<>();
                row.forEach((k, v) -> copy.put(k, v instanceof Clob clob ? text(clob) : v));
                normalised.add(copy);
            }
            tables.put(table, normalised);
        });
        return tables;
    }

    private static String text(Clob clob) {
        try {
            return clob.getSubString(1, (int) clob.length());
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
