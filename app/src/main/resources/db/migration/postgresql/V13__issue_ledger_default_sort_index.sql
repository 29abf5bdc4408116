-- PostgreSQL twin of db/migration/h2/V13__issue_ledger_default_sort_index.sql.
-- The issue ledger's default order (foundOn desc, registeredAt desc, then the issue id; IssueLedgerQueries.PAGING)
-- was not in V12's index, so a page in that order still read the wide row of every match to sort them: over 50,000
-- current issues a RESOLVED page took ~400 ms for one reader on H2. With found_on and registered_at in the index the
-- ids and the count come from the index alone, as for the other V12 pages (README "Performance").
drop index ix_issue_ledger_current;
create index ix_issue_ledger_current on issue_ledger
    (valid_to, status, responsible_unit_id, raised_by_unit_id, found_on, registered_at, id, updated_at);
