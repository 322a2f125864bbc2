/**
 * How each table is placed when the database is distributed with Citus
 * (docs/adr/0004-database-and-query-layer.md). Reference tables are small shared catalogues,
 * copied to every node. Every other table is distributed by `unit_id`, the administrative unit that
 * owns the row: `unit_id` leads its primary key, is part of every unique key, and is part of every
 * foreign key to another distributed table. `server/platform/db/distribution.test.ts` reads the
 * live catalog and fails on a table that breaks these rules or is missing here.
 */
export const DISTRIBUTION_COLUMN = 'unit_id'

export const REFERENCE_TABLES = [
  'admin_units',
  'admin_unit_successions',
  'agencies',
  'agency_identity_codes',
  'users',
  'user_roles',
  'sign_in_throttle',
  'schema_migrations',
  'calendar_years',
  'calendar_days',
  'agency_office_hours',
  'procedure_fields',
  'procedures',
  'procedure_versions',
  'procedure_agencies',
  'procedure_form_templates',
  'catalogue_revision',
] as const

export const DISTRIBUTED_TABLES = ['sessions', 'api_tokens', 'audit_chain_heads', 'audit_entries', 'catalogue_import_jobs', 'domain_events'] as const
