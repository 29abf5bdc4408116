-- The text search (`q`) of the rectification and the issue ledger answered from an index (issue 9). `q` is a
-- case-insensitive "contains" (LIKE '%…%') over two text columns, which no B-tree can seek. Without these indexes H2
-- tested it on the wide row of every current item, and current rows lie scattered among their superseded versions:
-- over 100,071 current items among 700,315 versions, H2 alone took 0.6-0.95 s to count the benchmark's search and
-- as long again for a page of it. These indexes hold the searched text beside the columns of the read scope, the
-- status filter and the default sorts, so H2 tests LIKE on the index entries of the current rows (valid_to first:
-- one contiguous range) and counts and sorts the matches without reading a table row: 25-55 ms for the count and
-- 55-125 ms for a page once warm (half of the ledger matches that search; a rarer word costs less).
-- The scope columns come before status on purpose: a page filtered by status alone keeps V12/V13's narrower index,
-- whose two leading columns it matches (EXPLAIN shows which index a query uses).
-- PostgreSQL has no such index: its B-tree entries are limited to about 2.7 KB, less than a 4,000-character measure
-- (README, design decisions).
create index ix_rectification_ledger_text on rectification_ledger
    (valid_to, owner_unit_id, issue_responsible_unit_id, status, effective_deadline, updated_at, id, issue_title,
     measure);
create index ix_issue_ledger_text on issue_ledger
    (valid_to, responsible_unit_id, raised_by_unit_id, status, found_on, registered_at, id, updated_at, title,
     description);
