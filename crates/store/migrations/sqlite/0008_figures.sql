-- koppel schema, version 8: management information. Targets per year and target group, the
-- municipalities of the region with their subregion, the facts a placement keeps for the figures,
-- the steps of each nomination, and marks for data purged under the retention rules.

CREATE TABLE municipalities (
    code TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    subregion TEXT
);

CREATE TABLE targets (
    year BIGINT NOT NULL,
    target_group TEXT NOT NULL REFERENCES target_groups (code),
    scope_kind TEXT NOT NULL CHECK (scope_kind IN ('region', 'organisation', 'subregion', 'cluster')),
    scope_value TEXT NOT NULL DEFAULT '',
    value BIGINT NOT NULL CHECK (value >= 0),
    updated_by BIGINT REFERENCES users (id),
    updated_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (year, target_group, scope_kind, scope_value)
);

ALTER TABLE placements ADD COLUMN municipality_code TEXT;
ALTER TABLE placements ADD COLUMN placed_by BIGINT REFERENCES users (id);
UPDATE placements SET placed_by = (SELECT n.proposed_by FROM nominations n WHERE n.id = placements.nomination_id);

CREATE TABLE nomination_steps (
    id INTEGER PRIMARY KEY,
    nomination_id BIGINT NOT NULL REFERENCES nominations (id),
    state TEXT NOT NULL,
    previous_state TEXT,
    seconds_in_previous BIGINT,
    entered_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX nomination_steps_nomination ON nomination_steps (nomination_id, state, previous_state, seconds_in_previous);
INSERT INTO nomination_steps (nomination_id, state, entered_at) SELECT id, 'proposed', created_at FROM nominations;
INSERT INTO nomination_steps (nomination_id, state, entered_at) SELECT id, state, updated_at FROM nominations WHERE state <> 'proposed';

ALTER TABLE candidates ADD COLUMN purged_at TIMESTAMPTZ;
ALTER TABLE contact_requests ADD COLUMN purged_at TIMESTAMPTZ;

CREATE INDEX nominations_created ON nominations (created_at, org_id, state, proposed_by);
CREATE INDEX contact_requests_received ON contact_requests (received_at);
CREATE INDEX contact_moments_occurred ON contact_moments (occurred_at, employer_id, user_id);
CREATE INDEX employers_created ON employers (created_at);
CREATE INDEX vacancies_created ON vacancies (created_at);
CREATE INDEX candidates_created ON candidates (created_at, target_group, org_id);
