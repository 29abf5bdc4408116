-- PostgreSQL twin of db/migration/h2/V5__audit.sql (same tables, columns and indexes; blob -> bytea, clob -> text).
-- Audit trail and integrity (DESIGN.md §4, §5).

-- The audit log: one row per stored event, written by the 'audit-log' projection. Read newest first with
-- filters on user, unit, event type, time range and aggregate; each filter has an index that ends in the
-- timestamp, so a filtered page stays an index range scan with millions of events.
create table audit_log (
    global_index     bigint not null,
    event_id         varchar(255) not null,
    aggregate_type   varchar(255),
    aggregate_id     varchar(255),
    sequence_number  bigint,
    event_type       varchar(255) not null,
    time_stamp       timestamp(6) with time zone not null,
    user_name        varchar(255),
    unit_id          varchar(255),
    reason           varchar(4000),
    correlation_id   varchar(255),
    payload          text,
    constraint pk_audit_log primary key (global_index),
    -- Idempotence: a redelivered event is the same row.
    constraint uk_audit_log_event unique (event_id)
);
create index ix_audit_log_time on audit_log (time_stamp desc, global_index desc);
create index ix_audit_log_user on audit_log (user_name, time_stamp);
create index ix_audit_log_unit on audit_log (unit_id, time_stamp);
create index ix_audit_log_type on audit_log (event_type, time_stamp);
create index ix_audit_log_aggregate on audit_log (aggregate_id);

-- The recorded hash chain over domain_event_entry, in global_index order, written by the 'integrity-chain'
-- projection from each event's stored row. event_hash = SHA-256 of the row's canonical form as recorded;
-- hash = SHA-256(previous hash || event_hash). Both hex.
create table integrity_chain (
    global_index      bigint not null,
    event_identifier  varchar(255) not null,
    event_hash        varchar(64) not null,
    hash              varchar(64) not null,
    constraint pk_integrity_chain primary key (global_index)
);
