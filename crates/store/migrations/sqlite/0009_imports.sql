-- koppel schema, version 9: bulk imports. Rows keep the identifier of the system they came from,
-- and every import keeps its progress (for resuming) and its report of bad and skipped rows.

ALTER TABLE employers ADD COLUMN external_id TEXT;
CREATE UNIQUE INDEX employers_external ON employers (external_id);
ALTER TABLE vacancies ADD COLUMN external_id TEXT;
CREATE UNIQUE INDEX vacancies_external ON vacancies (external_id);
ALTER TABLE candidates ADD COLUMN external_id TEXT;
CREATE UNIQUE INDEX candidates_external ON candidates (org_id, external_id);

CREATE TABLE imports (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('employers', 'vacancies', 'candidates')),
    file_name TEXT NOT NULL,
    file_hash TEXT NOT NULL,
    total_rows BIGINT NOT NULL,
    done_rows BIGINT NOT NULL DEFAULT 0,
    imported BIGINT NOT NULL DEFAULT 0,
    skipped BIGINT NOT NULL DEFAULT 0,
    bad BIGINT NOT NULL DEFAULT 0,
    status TEXT NOT NULL CHECK (status IN ('running', 'done')),
    org_id BIGINT REFERENCES organisations (id),
    created_by BIGINT REFERENCES users (id),
    started_at TIMESTAMPTZ NOT NULL,
    finished_at TIMESTAMPTZ
);
CREATE INDEX imports_file ON imports (kind, file_hash, status);

CREATE TABLE import_problems (
    id INTEGER PRIMARY KEY,
    import_id BIGINT NOT NULL REFERENCES imports (id),
    line BIGINT NOT NULL,
    outcome TEXT NOT NULL CHECK (outcome IN ('bad', 'skipped')),
    reason TEXT NOT NULL
);
CREATE INDEX import_problems_import ON import_problems (import_id, line);
