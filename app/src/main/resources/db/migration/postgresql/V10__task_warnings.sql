-- PostgreSQL twin of db/migration/h2/V10__task_warnings.sql (same statements).
-- Task warnings (DESIGN.md §3, issue 6): the task ledger's warning level (GREEN while the agreement is in force,
-- YELLOW / RED from TaskDueSoon / TaskBecameOverdue, null when completed or the agreement is drafted or archived), and
-- the ledger's note of whether an agreement is in force, so that a task planned into an agreement in force starts GREEN.
-- The task deadlines themselves live in db-scheduler's scheduled_tasks table (V7).
alter table task_ledger add column warning_level varchar(16);
alter table task_ledger_agreement add column in_force boolean default false not null;
create index ix_task_ledger_warning on task_ledger (warning_level, valid_to);
