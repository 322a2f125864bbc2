-- Sign-in throttling by account name *and* source (OWASP ASVS 5.0, V6.3: guessing is slowed and
-- stopped without letting a stranger lock an official out from elsewhere).
--
-- Two kinds of rows, both keyed by an HMAC so the table holds neither names nor addresses:
-- - scope 'name_source': failures of one name from one source address (an IPv4 address or an
--   IPv6 /64). This row locks: after SIGN_IN_LOCK_AFTER attempts that did not succeed, that
--   source may not try that name for SIGN_IN_LOCK_MINUTES.
-- - scope 'name': failures of one name from anywhere. It never locks; it only lengthens the
--   delay before each failed answer, so guessing from many addresses stays slow.
-- user_id is set when the name belongs to an official, so an administrator can unlock them.
-- The old rows counted by name alone; they are dropped (a lock in progress ends early).
drop table sign_in_throttle;

create table sign_in_throttle (
  key text primary key,
  scope text not null check (scope in ('name_source', 'name')),
  user_id uuid references users (id) on delete cascade,
  -- Attempts that did not succeed, counted before the password is checked (see auth.service.ts).
  failures integer not null default 0,
  last_failure_at timestamptz,
  locked_until timestamptz
);
create index sign_in_throttle_user_idx on sign_in_throttle (user_id) where user_id is not null;
