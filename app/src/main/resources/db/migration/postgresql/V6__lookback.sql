-- PostgreSQL twin of db/migration/h2/V6__lookback.sql (same tables, columns and indexes; blob -> bytea, clob -> text).
-- Look-back campaigns (回头看).

-- The command side's own registry of rectification items, from which a look-back draws its sample.
-- Written by a subscribing processor in the same transaction as the item events (ClosedItemRegistry).
create table closed_item_registry (
    rectification_id varchar(64) not null primary key,
    owner_unit_id    varchar(64) not null,
    status           varchar(16) not null,
    closed_on        date
);
create index ix_closed_item_registry_closed on closed_item_registry (status, closed_on);

-- The query side's look-back report (LookBackReportProjection).
create table look_back (
    id               varchar(64)   not null primary key,
    version          bigint        not null,
    name             varchar(200)  not null,
    status           varchar(16)   not null,
    unit_ids         varchar(4000) not null,
    closed_from      date          not null,
    closed_to        date          not null,
    sampling_mode    varchar(16)   not null,
    sampling_value   integer       not null,
    seed             bigint        not null,
    opened_by        varchar(100),
    opened_at        timestamp(6) with time zone not null,
    updated_at       timestamp(6) with time zone not null,
    completed_at     timestamp(6) with time zone,
    candidate_count  integer       not null,
    sample_size      integer       not null,
    confirmed        integer       not null,
    rebounded        integer       not null,
    new_issues       integer       not null,
    summary          varchar(4000)
);
create index ix_look_back_opened on look_back (opened_at desc);

create table look_back_sample (
    look_back_id     varchar(64)   not null,
    rectification_id varchar(64)   not null,
    outcome          varchar(16),
    finding          varchar(4000),
    new_deadline     date,
    new_issue_id     varchar(64),
    checked_by       varchar(100),
    checked_on       date,
    primary key (look_back_id, rectification_id)
);
