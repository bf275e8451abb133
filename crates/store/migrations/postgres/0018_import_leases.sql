-- koppel schema, version 18: an import is held by one run at a time through a lease (holder and
-- expiry, renewed with every batch). The file and how to read it are kept until the import ends,
-- so a run whose holder died is taken over by the server and finishes without a new upload.
ALTER TABLE imports ADD COLUMN holder TEXT;
ALTER TABLE imports ADD COLUMN lease_until TIMESTAMPTZ;
ALTER TABLE imports ADD COLUMN plan TEXT;
ALTER TABLE imports ADD COLUMN attempts BIGINT NOT NULL DEFAULT 0;
ALTER TABLE imports ADD COLUMN failure TEXT;

CREATE TABLE import_files (
    import_id BIGINT PRIMARY KEY REFERENCES imports (id),
    content BYTEA NOT NULL
);
