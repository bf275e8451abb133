-- koppel schema, version 4: the history of account holders, events, and employer satisfaction.

CREATE TABLE account_holder_changes (
    id INTEGER PRIMARY KEY,
    employer_id BIGINT NOT NULL REFERENCES employers (id),
    old_holder_id BIGINT REFERENCES users (id),
    new_holder_id BIGINT REFERENCES users (id),
    changed_by BIGINT REFERENCES users (id),
    changed_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX account_holder_changes_employer ON account_holder_changes (employer_id);

CREATE TABLE events (
    id INTEGER PRIMARY KEY,
    title TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('employer_meeting', 'care_fair', 'job_market', 'information', 'other')),
    event_date DATE NOT NULL,
    place TEXT NOT NULL DEFAULT '',
    cluster TEXT CHECK (cluster IN ('techniek', 'zorg_welzijn', 'onderwijs_overheid_zakelijk', 'handel_facilitair')),
    description TEXT NOT NULL DEFAULT '',
    outcome_notes TEXT NOT NULL DEFAULT '',
    created_by BIGINT NOT NULL REFERENCES users (id),
    created_at TIMESTAMPTZ NOT NULL,
    version BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX events_date ON events (event_date);

CREATE TABLE event_participants (
    id INTEGER PRIMARY KEY,
    event_id BIGINT NOT NULL REFERENCES events (id),
    employer_id BIGINT REFERENCES employers (id),
    candidate_id BIGINT REFERENCES candidates (id),
    org_id BIGINT REFERENCES organisations (id),
    status TEXT NOT NULL CHECK (status IN ('invited', 'attended', 'absent')),
    version BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX event_participants_event ON event_participants (event_id);

CREATE TABLE event_results (
    id INTEGER PRIMARY KEY,
    event_id BIGINT NOT NULL REFERENCES events (id),
    contact_moment_id BIGINT REFERENCES contact_moments (id),
    vacancy_id BIGINT REFERENCES vacancies (id),
    placement_id BIGINT REFERENCES placements (id)
);
CREATE INDEX event_results_event ON event_results (event_id);

CREATE TABLE satisfaction_surveys (
    id INTEGER PRIMARY KEY,
    employer_id BIGINT NOT NULL REFERENCES employers (id),
    contact_request_id BIGINT REFERENCES contact_requests (id),
    placement_id BIGINT REFERENCES placements (id),
    token_hash TEXT UNIQUE,
    score BIGINT CHECK (score BETWEEN 1 AND 10),
    comment TEXT NOT NULL DEFAULT '',
    entered_by BIGINT REFERENCES users (id),
    created_at TIMESTAMPTZ NOT NULL,
    answered_at TIMESTAMPTZ
);
CREATE INDEX satisfaction_surveys_employer ON satisfaction_surveys (employer_id);
