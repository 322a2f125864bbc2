-- The working calendar: per year, the days that differ from the Monday–Friday week, with the
-- documents that announced them; and each agency's office hours. National and shared: reference
-- tables when distributed.

create table calendar_years (
  year integer primary key check (year between 1900 and 2100),
  status text not null check (status in ('suggested', 'confirmed')),
  sources text[] not null default '{}',
  updated_at timestamptz not null default now(),
  updated_by uuid references users (id),
  check (status = 'suggested' or cardinality(sources) > 0)
);

create table calendar_days (
  date date primary key,
  year integer not null references calendar_years (year) on delete cascade,
  kind text not null check (kind in ('HOLIDAY', 'COMPENSATORY_OFF', 'SWAPPED_OFF', 'EXTRA_OFF', 'SWAPPED_WORKDAY')),
  name text not null check (length(name) between 1 and 200),
  check (extract(year from date) = year),
  -- Days off are weekdays; a swapped working day is a Saturday or Sunday.
  check ((kind = 'SWAPPED_WORKDAY') = (extract(isodow from date) >= 6))
);
create index calendar_days_year_idx on calendar_days (year);

-- Opening sessions of an agency, as [{"start":"07:30","end":"11:30"}, …]. Weekday sessions count
-- for deadlines; Saturday sessions only say when a centre receives dossiers.
create table agency_office_hours (
  agency_id uuid primary key references agencies (id),
  weekday_sessions jsonb not null,
  saturday_sessions jsonb not null default '[]',
  updated_at timestamptz not null default now()
);
