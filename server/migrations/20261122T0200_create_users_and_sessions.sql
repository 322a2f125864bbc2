-- Officials, their roles, sign-in throttling, sessions and API tokens.

-- Officials are a shared directory (a reference table when distributed): sign-in looks a user up
-- by name alone, and every tenant table may point at a user.
create table users (
  id uuid primary key default gen_random_uuid(),
  agency_id uuid not null references agencies (id),
  username text not null check (username ~ '^[a-z0-9][a-z0-9._-]{2,63}$'),
  display_name text not null check (length(display_name) between 1 and 200),
  email text check (email is null or length(email) <= 254),
  password_hash text not null,
  status text not null default 'active' check (status in ('active', 'disabled')),
  password_changed_at timestamptz not null default now(),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create unique index users_username_key on users (username);
create index users_agency_idx on users (agency_id);

-- A role held over an agency subtree (the scope). Permissions per role are code: server/platform/auth/roles.ts.
create table user_roles (
  user_id uuid not null references users (id) on delete cascade,
  role text not null check (role in ('intake_officer', 'specialist', 'head_of_department', 'leader',
                                     'reform_officer', 'system_admin')),
  scope_agency_id uuid not null references agencies (id),
  granted_at timestamptz not null default now(),
  primary key (user_id, role, scope_agency_id)
);

-- Failed sign-ins per account name (keyed by an HMAC of the name, so unknown names are throttled
-- exactly like known ones and the table holds no names).
create table sign_in_throttle (
  key text primary key,
  failures integer not null default 0,
  last_failure_at timestamptz,
  locked_until timestamptz
);

-- Server-side sessions of officials. Distributed by unit_id (the unit of the user's agency).
create table sessions (
  unit_id uuid not null references admin_units (id),
  id uuid not null default gen_random_uuid(),
  user_id uuid not null references users (id) on delete cascade,
  token_hash text not null,
  csrf_token text not null,
  created_at timestamptz not null default now(),
  last_seen_at timestamptz not null default now(),
  expires_at timestamptz not null,
  revoked_at timestamptz,
  primary key (unit_id, id)
);
create index sessions_token_hash_idx on sessions (token_hash);
create index sessions_user_idx on sessions (user_id);

-- Tokens for machine clients: hashed, limited to some permissions over an agency subtree, revocable.
create table api_tokens (
  unit_id uuid not null references admin_units (id),
  id uuid not null default gen_random_uuid(),
  agency_id uuid not null references agencies (id),
  name text not null check (length(name) between 1 and 100),
  token_prefix text not null,
  token_hash text not null,
  permissions text[] not null,
  created_by uuid not null references users (id),
  created_at timestamptz not null default now(),
  expires_at timestamptz,
  revoked_at timestamptz,
  last_used_at timestamptz,
  primary key (unit_id, id)
);
create index api_tokens_token_hash_idx on api_tokens (token_hash);
create index api_tokens_agency_idx on api_tokens (agency_id);
