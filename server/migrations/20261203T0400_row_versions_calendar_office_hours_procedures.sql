-- Row versions (ADR 0011) on the last records officials edit without one: a calendar year, an
-- agency's office hours and a procedure (whose implementing agencies are set as a whole). A write
-- with If-Match is conditional on the version it read; a stale one answers 409 with the current
-- version. Version 0 means "not stored yet" (a year or office hours never saved).
alter table calendar_years add column row_version integer not null default 1 check (row_version > 0);
alter table agency_office_hours add column row_version integer not null default 1 check (row_version > 0);
alter table procedures add column row_version integer not null default 1 check (row_version > 0);
