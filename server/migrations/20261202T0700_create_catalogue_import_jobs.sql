-- Background catalogue imports, durable (ADR 0010): the job itself lives in pg-boss's own schema
-- (`pgboss`, installed by pg-boss at start); this table holds what the import needs and what its
-- author reads back, so any server process answers GET /api/procedures/imports/{jobId}.
-- - file, file_kind, options, context: the uploaded bytes and how to import them, written in the
--   transaction that enqueues the job; file and context are cleared when the job finishes.
-- - state, processed, total, report, error: progress and outcome, readable only by owner_id.
-- Distributed by unit_id (the unit of the author's agency), like sessions and API tokens.
create table catalogue_import_jobs (
  unit_id uuid not null references admin_units (id),
  id uuid not null,
  owner_id uuid not null references users (id),
  state text not null default 'running' check (state in ('running', 'done', 'failed')),
  processed integer not null default 0,
  total integer not null default 0,
  report jsonb,
  error jsonb,
  file bytea,
  file_kind text check (file_kind in ('xlsx', 'csv')),
  options jsonb not null,
  context jsonb,
  created_at timestamptz not null default now(),
  finished_at timestamptz,
  primary key (unit_id, id)
);
create index catalogue_import_jobs_id_idx on catalogue_import_jobs (id);
