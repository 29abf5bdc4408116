-- Ledger pages answered from an index (issue 9; LedgerRows). A page reads the ids of its rows and counts the matches
-- before it reads the 20 rows it shows. These indexes hold every column that the current ledger's common filters
-- (status), the read scope (owner / responsible units) and the default sorts use, so the database answers both
-- queries from the index alone instead of reading the wide row (up to ~20 KB of text) of every match: over 10,000
-- items H2 counted a status in 1.8 ms instead of 6.5 ms and found a page's ids in 1.7 ms instead of 9.6 ms.
-- valid_to comes first: the current ledger is valid_to IS NULL. They replace the (status, valid_to) indexes.
drop index ix_rectification_ledger_status;
create index ix_rectification_ledger_current on rectification_ledger
    (valid_to, status, owner_unit_id, issue_responsible_unit_id, effective_deadline, updated_at, id);
drop index ix_issue_ledger_status;
create index ix_issue_ledger_current on issue_ledger
    (valid_to, status, responsible_unit_id, raised_by_unit_id, id, updated_at);
