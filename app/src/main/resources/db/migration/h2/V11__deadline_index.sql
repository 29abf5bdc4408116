-- Deadline index (issue 9): which scheduled deadline (db-scheduler's scheduled_tasks, V7) belongs to which scope and
-- deadline name, so that cancelling an item's or task's warnings reads only that scope's schedules. Axon's own
-- cancelAllWithinScope reads and deserializes every pending deadline of every item instead. Written by
-- CancellationTolerantDeadlineManager in the command's transaction; rows of deadlines that fired stay until the next
-- cancel of their scope or the next start-up (DeadlineIndexBackfill), which also indexes deadlines scheduled before
-- this table existed.
-- schedule_id is db-scheduler's task_instance (varchar(100) in V7). scope is ScopeDescriptor.scopeDescription(): for
-- an aggregate "AggregateScopeDescriptor for type [<type>] and identifier [<id>]", at most 141 characters with our
-- longest aggregate type (ResponsibilityAgreement) and ids of at most 64 characters (Ids.PATTERN); deadline_name is at
-- most 87 ("agreement-task-warning:" + a task id). 255 leaves room without hashing, so the rows stay readable.
create table deadline_index (
    schedule_id   varchar(100) not null primary key,
    deadline_name varchar(255) not null,
    scope         varchar(255) not null
);
create index ix_deadline_index_scope_name on deadline_index (scope, deadline_name);
