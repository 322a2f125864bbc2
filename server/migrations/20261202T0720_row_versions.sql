-- Optimistic concurrency (docs/adr/0011-safe-concurrent-writes.md): a row version on every row an
-- official edits through a form. The writing UPDATE itself bumps it and is conditional on the
-- version the writer read (`set row_version = row_version + 1 where id = $1 and row_version = $2`),
-- so a stale write changes nothing and answers 409 request.stale. No trigger (Citus, ADR 0004).
alter table admin_units add column row_version integer not null default 1 check (row_version > 0);
alter table agencies add column row_version integer not null default 1 check (row_version > 0);
alter table users add column row_version integer not null default 1 check (row_version > 0);
alter table procedure_versions add column row_version integer not null default 1 check (row_version > 0);
