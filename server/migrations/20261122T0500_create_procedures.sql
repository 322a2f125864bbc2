-- The procedure catalogue: procedures with versions by effective date, fields, and the agencies
-- that implement each procedure. A shared catalogue: reference tables when distributed.

create extension if not exists unaccent;
create extension if not exists pg_trgm;

-- Lower-case, without Vietnamese diacritics (đ → d too): the key of diacritic-blind search.
create or replace function vn_unaccent(text) returns text language sql immutable parallel safe strict
  as $$ select lower(public.unaccent('public.unaccent'::regdictionary, $1)) $$;

create table procedure_fields (
  id uuid primary key default gen_random_uuid(),
  -- Field code (MX1X2-LV), when known.
  code text unique check (code is null or length(code) between 1 and 30),
  name text not null unique check (length(name) between 1 and 200)
);

create table procedures (
  id uuid primary key default gen_random_uuid(),
  -- National procedure code, e.g. 1.001193; null when the published record gives none.
  national_code text unique check (national_code is null or national_code ~ '^[0-9A-Za-z][0-9A-Za-z.-]{2,40}$'),
  created_at timestamptz not null default now()
);

-- One version of a procedure. Published versions are immutable; a change is a new version that
-- takes effect on a date. The version in force on a day is the published one with the latest
-- effective date on or before it.
create table procedure_versions (
  id uuid primary key default gen_random_uuid(),
  procedure_id uuid not null references procedures (id),
  version integer not null check (version > 0),
  status text not null check (status in ('draft', 'published', 'withdrawn')),
  effective_from date not null,
  name text not null check (length(name) between 1 and 500),
  field_id uuid not null references procedure_fields (id),
  content jsonb not null,
  created_by uuid references users (id),
  created_at timestamptz not null default now(),
  published_at timestamptz,
  unique (procedure_id, version)
);
create index procedure_versions_in_force_idx on procedure_versions (procedure_id, effective_from desc) where status = 'published';
create index procedure_versions_name_trgm on procedure_versions using gin (vn_unaccent(name) gin_trgm_ops);

-- Which agencies implement a procedure, under which local code and at which online level.
create table procedure_agencies (
  procedure_id uuid not null references procedures (id),
  agency_id uuid not null references agencies (id),
  local_code text,
  online_level text not null check (online_level in ('full', 'partial', 'none')),
  active boolean not null default true,
  primary key (procedure_id, agency_id)
);
create index procedure_agencies_agency_idx on procedure_agencies (agency_id);
