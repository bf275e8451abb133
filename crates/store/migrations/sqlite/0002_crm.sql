-- koppel schema, version 2: agreements, contact requests with their response deadline, after-care.

CREATE TABLE agreements (
    id INTEGER PRIMARY KEY,
    employer_id BIGINT NOT NULL REFERENCES employers (id),
    description TEXT NOT NULL,
    owner_id BIGINT NOT NULL REFERENCES users (id),
    due_date DATE,
    status TEXT NOT NULL CHECK (status IN ('open', 'done', 'cancelled')),
    created_by BIGINT NOT NULL REFERENCES users (id),
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    version BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX agreements_employer ON agreements (employer_id);
CREATE INDEX agreements_owner ON agreements (owner_id, status, due_date);

CREATE TABLE contact_requests (
    id INTEGER PRIMARY KEY,
    employer_id BIGINT REFERENCES employers (id),
    company_name TEXT NOT NULL,
    contact_name TEXT NOT NULL,
    email TEXT,
    phone TEXT,
    message TEXT NOT NULL,
    source TEXT NOT NULL CHECK (source IN ('staff', 'public_form', 'api')),
    assigned_to BIGINT REFERENCES users (id),
    received_at TIMESTAMPTZ NOT NULL,
    deadline_at TIMESTAMPTZ NOT NULL,
    answered_at TIMESTAMPTZ,
    answered_by_moment_id BIGINT REFERENCES contact_moments (id),
    response_minutes BIGINT,
    escalated_at TIMESTAMPTZ,
    escalated_to BIGINT REFERENCES users (id),
    version BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX contact_requests_open ON contact_requests (answered_at, deadline_at);
CREATE INDEX contact_requests_employer ON contact_requests (employer_id);

CREATE TABLE aftercare_tasks (
    id INTEGER PRIMARY KEY,
    placement_id BIGINT NOT NULL REFERENCES placements (id),
    assignee_id BIGINT REFERENCES users (id),
    due_date DATE NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('two_months', 'five_months', 'follow_up')),
    outcome TEXT CHECK (outcome IN ('going_well', 'needs_support', 'training_needed', 'ended_early')),
    notes TEXT NOT NULL DEFAULT '',
    done_at TIMESTAMPTZ,
    done_by BIGINT REFERENCES users (id),
    version BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX aftercare_tasks_placement ON aftercare_tasks (placement_id);
CREATE INDEX aftercare_tasks_due ON aftercare_tasks (assignee_id, done_at, due_date);

ALTER TABLE placements ADD COLUMN ended_on DATE;
ALTER TABLE placements ADD COLUMN ended_reason TEXT;
ALTER TABLE placements ADD COLUMN follow_up_ended BOOLEAN NOT NULL DEFAULT FALSE;
