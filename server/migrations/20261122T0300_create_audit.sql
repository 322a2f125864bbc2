-- Append-only, hash-chained audit trail. One chain per unit (the distribution column), so that
-- writers in different units never wait for each other and a distributed deployment keeps each
-- chain on one shard. Each entry's hash covers its content and the previous entry's hash.

create table audit_chain_heads (
  unit_id uuid primary key references admin_units (id),
  last_seq bigint not null,
  last_hash text not null
);

create table audit_entries (
  unit_id uuid not null references admin_units (id),
  seq bigint not null check (seq > 0),
  occurred_at timestamptz not null,
  actor_type text not null check (actor_type in ('user', 'api_token', 'system')),
  actor_id uuid,
  actor_name text not null,
  action text not null,
  subject_type text not null,
  subject_id text not null,
  -- The agency whose subtree the change belongs to (for scoped reading); null for unit-level changes.
  agency_id uuid,
  changes jsonb not null,
  request_id text,
  ip text,
  prev_hash text not null,
  hash text not null,
  primary key (unit_id, seq)
);
create index audit_entries_occurred_idx on audit_entries (occurred_at desc);
create index audit_entries_subject_idx on audit_entries (subject_type, subject_id);
create index audit_entries_agency_idx on audit_entries (agency_id);

create function audit_entries_refuse_change() returns trigger language plpgsql as $$
begin
  raise exception 'audit entries are append-only' using errcode = 'insufficient_privilege';
end
$$;

create trigger audit_entries_append_only
  before update or delete on audit_entries
  for each row execute function audit_entries_refuse_change();

create trigger audit_entries_no_truncate
  before truncate on audit_entries
  for each statement execute function audit_entries_refuse_change();
