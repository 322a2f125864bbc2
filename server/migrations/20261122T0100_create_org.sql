-- Organisation model: administrative units (dated, with successor links), agencies and their
-- identity codes (QCVN 102:2016 format, with history). All three are shared catalogues: reference
-- tables when the database is distributed (docs/adr/0004-database-and-query-layer.md).

create table admin_units (
  id uuid primary key default gen_random_uuid(),
  -- Official statistical code of the unit (2 digits province, 3 district, 5 commune).
  code text not null check (code ~ '^[0-9]{2,5}$'),
  name text not null check (length(name) between 1 and 200),
  level text not null check (level in ('province', 'district', 'commune')),
  kind text not null check (kind in ('province', 'city', 'district', 'town', 'provincial_city',
                                     'commune', 'ward', 'township', 'special_zone')),
  parent_id uuid references admin_units (id),
  -- Materialised ancestry: '/<root id>/…/<own id>/'. Scope checks are prefix tests.
  path text not null,
  valid_from date not null,
  valid_to date,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (valid_to is null or valid_to >= valid_from),
  check ((level = 'province') = (parent_id is null)),
  unique (code, valid_from)
);
create index admin_units_parent_idx on admin_units (parent_id);
create index admin_units_path_idx on admin_units (path text_pattern_ops);

-- A merger, split or renaming: the predecessor's history continues in the successor.
create table admin_unit_successions (
  predecessor_id uuid not null references admin_units (id),
  successor_id uuid not null references admin_units (id),
  effective_date date not null,
  legal_basis text,
  primary key (predecessor_id, successor_id),
  check (predecessor_id <> successor_id)
);
create index admin_unit_successions_successor_idx on admin_unit_successions (successor_id);

create table agencies (
  id uuid primary key default gen_random_uuid(),
  unit_id uuid not null references admin_units (id),
  parent_id uuid references agencies (id),
  path text not null,
  name text not null check (length(name) between 1 and 300),
  short_name text check (short_name is null or length(short_name) between 1 and 100),
  kind text not null check (kind in ('peoples_committee', 'department', 'public_service_centre',
                                     'one_stop_unit', 'home_affairs_office', 'specialised_office', 'other')),
  valid_from date not null,
  valid_to date,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (valid_to is null or valid_to >= valid_from)
);
create index agencies_unit_idx on agencies (unit_id);
create index agencies_parent_idx on agencies (parent_id);
create index agencies_path_idx on agencies (path text_pattern_ops);

-- Electronic identity code of an agency (QCVN 102:2016/BTTTT, V1V2V3.Z1Z2.Y1Y2.MX1X2), kept with history:
-- codes change when units merge, and old dossiers keep the code they were issued under.
create table agency_identity_codes (
  agency_id uuid not null references agencies (id),
  code text not null check (code ~ '^[0-9]{3}\.[0-9]{2}\.[0-9]{2}\.[A-Z][0-9]{2}$'),
  valid_from date not null,
  valid_to date,
  legal_basis text,
  primary key (agency_id, valid_from),
  check (valid_to is null or valid_to >= valid_from)
);
create index agency_identity_codes_code_idx on agency_identity_codes (code);
