-- PostgreSQL twin of db/migration/h2/V9__evidence_exports.sql (same tables, columns and indexes; blob -> bytea, clob -> text).
-- Evidence files (佐证材料) attached to rectification items: the query side's record of EvidenceAttached
-- (EvidenceProjection). The bytes live in the content-addressed store (ledger.evidence.dir), named by sha256;
-- a download finds the file only through this table, i.e. through the item it is attached to.
-- Evidence ids are unique per item (rule EvidenceIdUnique), so the key is the pair.
create table evidence (
    rectification_id varchar(64)  not null,
    evidence_id      varchar(64)  not null,
    name             varchar(255) not null,
    media_type       varchar(100) not null,
    size_bytes       bigint       not null,
    sha256           char(64)     not null,
    attached_at      timestamp(6) with time zone not null,
    primary key (rectification_id, evidence_id)
);
create index ix_evidence_sha256 on evidence (sha256);
