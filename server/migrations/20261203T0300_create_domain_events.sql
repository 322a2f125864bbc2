-- Domain events (outbox, docs/plans/platform.md "Domain events"): a row written in the transaction
-- of the change it describes; delivery to each subscriber is a durable job enqueued in that same
-- transaction (ADR 0010), so an event exists, and is delivered, if and only if the change
-- committed. Subscribers read the event back by (unit_id, id).
-- Distributed by unit_id (the unit whose data changed), like the audit trail. No personal data in
-- payloads beyond identifiers: a handler reads what it needs from the owning module.
create table domain_events (
  unit_id uuid not null references admin_units (id),
  id uuid not null,
  type text not null check (type ~ '^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$' and length(type) <= 100),
  subject_id text,
  payload jsonb not null default '{}'::jsonb,
  actor_id uuid,
  occurred_at timestamptz not null default now(),
  primary key (unit_id, id)
);
create index domain_events_occurred_at_idx on domain_events (occurred_at);
