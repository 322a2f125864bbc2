-- The rule of identity codes as a constraint of the database, so that no race between two
-- writers (and no write that bypasses the service) can break it:
-- - the code periods of one agency do not overlap (a new code closes the previous one);
-- - one code is not held by two agencies on the same day.
-- Periods are closed ranges [valid_from, valid_to]; a null valid_to is open-ended.
-- agency_identity_codes is a reference table under Citus: exclusion constraints are allowed there.
create extension if not exists btree_gist;

alter table agency_identity_codes
  add constraint agency_identity_codes_period_excl
    exclude using gist (agency_id with =, daterange(valid_from, valid_to, '[]') with &&),
  add constraint agency_identity_codes_code_excl
    exclude using gist (code with =, daterange(valid_from, valid_to, '[]') with &&);
