package org.ledger.app.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.ledger.app.AppTestSupport;
import org.ledger.app.PostgresTestDatabase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What the PostgreSQL script set promises (profile 'postgres'): bytea, never oid, for Axon's binary columns; a
 * global-index sequence that steps by 1; an event table that refuses UPDATE, DELETE and TRUNCATE. Runs only in
 * the suite's PostgreSQL execution.
 */
@EnabledIfSystemProperty(named = PostgresTestDatabase.SWITCH, matches = "postgres")
class PostgresEventStoreTest extends AppTestSupport {

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void axonsBinaryColumnsAreByteaNotLargeObjects() {
        List<String> columns = jdbc.queryForList("select table_name || '.' || column_name || ':' || udt_name "
                + "from information_schema.columns where table_schema = current_schema() and table_name in "
                + "('domain_event_entry', 'snapshot_event_entry', 'token_entry', 'saga_entry', 'dead_letter_entry') "
                + "and udt_name in ('bytea', 'oid') order by 1", String.class);
        assertThat(columns).containsExactly(
                "dead_letter_entry.diagnostics:bytea", "dead_letter_entry.meta_data:bytea",
                "dead_letter_entry.payload:bytea", "dead_letter_entry.token:bytea",
                "domain_event_entry.meta_data:bytea", "domain_event_entry.payload:bytea",
                "saga_entry.serialized_saga:bytea",
                "snapshot_event_entry.meta_data:bytea", "snapshot_event_entry.payload:bytea",
                "token_entry.token:bytea");
        assertThat(jdbc.queryForObject("select count(*) from pg_largeobject_metadata", Long.class)).isZero();
    }

    @Test
    void globalIndexSequenceStepsByOne() {
        assertThat(jdbc.queryForObject("select increment_by from pg_sequences where sequencename = "
                + "'domain_event_entry_seq'", Long.class)).isEqualTo(1L);
    }

    @Test
    void theEventTableRefusesUpdateDeleteAndTruncate() {
        long before = jdbc.queryForObject("select count(*) from domain_event_entry", Long.class);
        // Statement-level trigger: refused even when no row matches, so the probe changes nothing.
        assertThatThrownBy(() -> jdbc.update("update domain_event_entry set payload_type = 'forged' where 1 = 0"))
                .isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.update("delete from domain_event_entry where 1 = 0"))
                .isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.execute("truncate domain_event_entry"))
                .isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("append-only");
        assertThat(jdbc.queryForObject("select count(*) from domain_event_entry", Long.class)).isEqualTo(before);
    }
}
