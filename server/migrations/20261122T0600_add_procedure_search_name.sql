-- Search without calling unaccent per row: the unaccented name is stored with the version and
-- indexed for trigram matching (LIKE '%word%' and word similarity).
alter table procedure_versions add column search_name text generated always as (vn_unaccent(name)) stored;
drop index procedure_versions_name_trgm;
create index procedure_versions_search_name_trgm on procedure_versions using gin (search_name gin_trgm_ops);

-- A counter bumped by every change to the catalogue, in the changing transaction: servers keep
-- the catalogue in memory for search and reload it when the counter moves.
create table catalogue_revision (
  id integer primary key check (id = 1),
  revision bigint not null
);
insert into catalogue_revision values (1, 0);

create function catalogue_revision_bump() returns trigger language plpgsql as $$
begin
  update catalogue_revision set revision = revision + 1 where id = 1;
  return null;
end
$$;

create trigger procedure_versions_revision after insert or update or delete on procedure_versions
  for each statement execute function catalogue_revision_bump();
create trigger procedure_agencies_revision after insert or update or delete on procedure_agencies
  for each statement execute function catalogue_revision_bump();
create trigger procedure_fields_revision after insert or update or delete on procedure_fields
  for each statement execute function catalogue_revision_bump();
