-- Blank forms (mẫu đơn, tờ khai) attached to the documents a procedure version asks for
-- (docs/adr/0013-file-storage.md). The bytes are in the file store under `file_key`; this row
-- says which document of which version the file belongs to and what it is: its name as uploaded
-- (for the download's Content-Disposition only), the media type sniffed from its bytes, its size
-- and SHA-256 (the same hash as in the upload's audit entry), and who uploaded it when.
-- `document_index` is the position of the document in the version's `content.documents`.
-- Part of the shared catalogue, like procedure_versions: a reference table when distributed.
create table procedure_form_templates (
  version_id uuid not null references procedure_versions (id),
  document_index integer not null check (document_index between 0 and 59),
  file_key text not null unique check (length(file_key) between 1 and 400),
  file_name text not null check (length(file_name) between 1 and 255),
  media_type text not null check (length(media_type) between 1 and 200),
  size_bytes bigint not null check (size_bytes >= 0),
  sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
  uploaded_by uuid not null references users (id),
  uploaded_at timestamptz not null default now(),
  row_version integer not null default 1 check (row_version > 0),
  primary key (version_id, document_index)
);
