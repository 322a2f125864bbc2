-- No triggers on tables that Citus places (docs/adr/0015-citus-scale-out-without-triggers.md):
-- Citus refuses to distribute a table that has triggers ("cannot distribute relation … because it
-- has triggers"), and with triggers allowed a trigger on a shard that writes another placed table
-- fails ("cannot execute a distributed query from a query on a shard").
--
-- 1. The catalogue revision is bumped by the write paths themselves, in their transaction
--    (bumpCatalogueRevision in server/modules/procedures/procedures.repository.ts).
drop trigger procedure_versions_revision on procedure_versions;
drop trigger procedure_agencies_revision on procedure_agencies;
drop trigger procedure_fields_revision on procedure_fields;
drop function catalogue_revision_bump();

-- 2. The audit trail stays append-only by privileges instead of triggers: the role that migrates
--    (the application's role, which owns the tables) and everyone else lose UPDATE, DELETE and
--    TRUNCATE on the entries, and DELETE and TRUNCATE on the chain heads (a head moves forward by
--    UPDATE). PostgreSQL applies a REVOKE to the owner too; an owner can grant itself the
--    privilege back, and a superuser ignores privileges: the hash chain and the signed
--    checkpoints outside the database (ADR 0006) are what find a change made that way.
--    GRANT and REVOKE on a distributed table propagate to its shards.
drop trigger audit_entries_append_only on audit_entries;
drop trigger audit_entries_no_truncate on audit_entries;
drop function audit_entries_refuse_change();
revoke update, delete, truncate on audit_entries from current_user, public;
revoke delete, truncate on audit_chain_heads from current_user, public;
