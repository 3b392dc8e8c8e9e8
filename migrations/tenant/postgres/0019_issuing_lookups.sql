-- SQLite's issuing trigger read every invoice to find a duplicate number (its 0019 rewrites it
-- with one indexed look-up per column). PostgreSQL's leaves duplicates to the unique indexes:
-- nothing changes here; this file keeps the two sequences of migrations aligned.
SELECT 1;
