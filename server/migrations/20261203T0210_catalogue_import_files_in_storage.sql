-- A background catalogue import's file moves from a bytea column to the file store
-- (docs/adr/0013-file-storage.md): the row keeps its key, size and SHA-256, and the job reads the
-- bytes back from the store; the file is deleted from the store when the job finishes.
-- An import still running from before this change has lost its upload: it is finished as failed.
alter table catalogue_import_jobs add column file_key text check (file_key is null or length(file_key) between 1 and 400);
alter table catalogue_import_jobs add column file_size bigint check (file_size is null or file_size >= 0);
alter table catalogue_import_jobs add column file_sha256 text check (file_sha256 is null or file_sha256 ~ '^[0-9a-f]{64}$');
update catalogue_import_jobs set state = 'failed', error = '{"code":"server.internal"}'::jsonb, context = null, finished_at = now() where state = 'running';
alter table catalogue_import_jobs drop column file;
