-- PostgreSQL twin of db/migration/h2/V7__deadlines.sql (same tables, columns and indexes; blob -> bytea, clob -> text).
-- Persistent deadlines (DESIGN.md §3, §8): db-scheduler's table, in the layout its documentation gives for H2 /
-- PostgreSQL. Axon's DbSchedulerDeadlineManager stores each scheduled warning of a rectification item here (task
-- name 'AxonDeadline'); it survives restarts, and the picked/version columns let exactly one node fire each one.
create table scheduled_tasks (
    task_name            varchar(100) not null,
    task_instance        varchar(100) not null,
    task_data            bytea,
    execution_time       timestamp(6) with time zone not null,
    picked               boolean      not null,
    picked_by            varchar(50),
    last_success         timestamp(6) with time zone,
    last_failure         timestamp(6) with time zone,
    consecutive_failures integer,
    last_heartbeat       timestamp(6) with time zone,
    version              bigint       not null,
    priority             smallint,
    primary key (task_name, task_instance)
);
create index execution_time_idx on scheduled_tasks (execution_time);
create index last_heartbeat_idx on scheduled_tasks (last_heartbeat);
create index priority_execution_time_idx on scheduled_tasks (priority desc, execution_time asc);

-- The rectification ledger's warning level (from WarningIssued / BecameOverdue) and who asked for what, so that
-- "waiting for my verification" and "waiting for my approval" exclude the user's own requests.
alter table rectification_ledger add column warning_level varchar(16);
alter table rectification_ledger add column closure_requested_by varchar(100);
alter table rectification_ledger add column extension_requested_by varchar(100);
create index ix_rectification_ledger_warning on rectification_ledger (warning_level, valid_to);
