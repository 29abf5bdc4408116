-- Axon Framework 4.13's JPA entities on PostgreSQL: the twin of db/migration/h2/V1__axon.sql, with one difference
-- that matters: every binary column (Axon's @Lob byte[]: payload, meta_data, token, serialized_saga, diagnostics)
-- is bytea, not oid. Hibernate 6 maps @Lob byte[] to oid large objects on PostgreSQL, which live outside the row,
-- are not deleted with it, and are not read by a plain getBytes; ByteaPostgreSQLDialect (profile 'postgres')
-- binds them as bytea instead, and ddl-auto=validate checks that the mapping and this script agree.
-- The projections' tables are in V2 and later.

-- global_index: step 1, not Hibernate 6's default 50 (see META-INF/orm.xml; DESIGN.md §8).
create sequence domain_event_entry_seq start with 1 increment by 1;
-- Saga association ids: Hibernate's default pooled sequence; the increment must match the mapping (50).
create sequence association_value_entry_seq start with 1 increment by 50;

-- The event store. Append-only: nothing in the application updates or deletes a row (DESIGN.md §5).
create table domain_event_entry (
    global_index bigint not null,
    sequence_number bigint not null,
    aggregate_identifier varchar(255) not null,
    event_identifier varchar(255) not null,
    payload_revision varchar(255),
    payload_type varchar(255) not null,
    time_stamp varchar(255) not null,
    type varchar(255),
    meta_data bytea,
    payload bytea not null,
    constraint pk_domain_event_entry primary key (global_index),
    -- Detects a concurrent append to the same aggregate, and a create with an id that is taken.
    constraint uk_domain_event_entry_aggregate unique (aggregate_identifier, sequence_number),
    constraint uk_domain_event_entry_event unique (event_identifier)
);

-- Append-only (DESIGN.md §5): the database itself refuses to change or remove an event, whoever asks.
-- (The integrity check still recomputes the hash chain: a superuser can switch triggers off.)
create function refuse_event_store_change() returns trigger language plpgsql as $$
begin
    raise exception 'domain_event_entry is append-only: % refused', tg_op
        using errcode = 'insufficient_privilege';
end
$$;
-- Statement-level, so even a statement that matches no row is refused (TRUNCATE has no rows to fire for).
create trigger domain_event_entry_append_only
    before update or delete or truncate on domain_event_entry
    for each statement execute function refuse_event_store_change();

-- Snapshots are a cache of the events (Axon replaces and prunes them), so this table stays writable.
create table snapshot_event_entry (
    sequence_number bigint not null,
    aggregate_identifier varchar(255) not null,
    event_identifier varchar(255) not null,
    payload_revision varchar(255),
    payload_type varchar(255) not null,
    time_stamp varchar(255) not null,
    type varchar(255) not null,
    meta_data bytea,
    payload bytea not null,
    constraint pk_snapshot_event_entry primary key (aggregate_identifier, sequence_number, type),
    constraint uk_snapshot_event_entry_event unique (event_identifier)
);

-- Streaming processors' positions and segment claims. The key starts with processor_name: every token
-- store query (fetch, claim, extend, release, list segments) filters on it (Axon's RDBMS tuning guide).
create table token_entry (
    segment integer not null,
    owner varchar(255),
    processor_name varchar(255) not null,
    timestamp varchar(255) not null,
    token_type varchar(255),
    token bytea,
    constraint pk_token_entry primary key (processor_name, segment)
);

create table saga_entry (
    revision varchar(255),
    saga_id varchar(255) not null,
    saga_type varchar(255),
    serialized_saga bytea,
    constraint pk_saga_entry primary key (saga_id)
);

create table association_value_entry (
    id bigint not null,
    association_key varchar(255) not null,
    association_value varchar(255),
    saga_id varchar(255) not null,
    saga_type varchar(255),
    constraint pk_association_value_entry primary key (id)
);
create index ix_association_value_entry_lookup
    on association_value_entry (saga_type, association_key, association_value);
create index ix_association_value_entry_saga
    on association_value_entry (saga_id, saga_type);

create table dead_letter_entry (
    enqueued_at timestamp(6) with time zone not null,
    last_touched timestamp(6) with time zone,
    processing_started timestamp(6) with time zone,
    sequence_index bigint not null,
    sequence_number bigint,
    cause_message varchar(1023),
    aggregate_identifier varchar(255),
    cause_type varchar(255),
    dead_letter_id varchar(255) not null,
    event_identifier varchar(255) not null,
    message_type varchar(255) not null,
    payload_revision varchar(255),
    payload_type varchar(255) not null,
    processing_group varchar(255) not null,
    sequence_identifier varchar(255) not null,
    time_stamp varchar(255) not null,
    token_type varchar(255),
    type varchar(255),
    diagnostics bytea,
    meta_data bytea,
    payload bytea not null,
    token bytea,
    constraint pk_dead_letter_entry primary key (dead_letter_id),
    constraint uk_dead_letter_entry_sequence unique (processing_group, sequence_identifier, sequence_index)
);
create index ix_dead_letter_entry_group
    on dead_letter_entry (processing_group);
create index ix_dead_letter_entry_sequence
    on dead_letter_entry (processing_group, sequence_identifier);
