-- koppel schema, version 1: organisations, users, the CRM core entities and the two logs.

CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE organisations (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    short_name TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL CHECK (kind IN ('uwv', 'reintegration_company', 'municipality', 'werkcentrum', 'partner')),
    wsp_partner BOOLEAN NOT NULL DEFAULT FALSE,
    municipality_code TEXT,
    oin TEXT,
    created_at TIMESTAMPTZ NOT NULL,
    version BIGINT NOT NULL DEFAULT 1
);

CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    org_id BIGINT NOT NULL REFERENCES organisations (id),
    email TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('adviser', 'consultant', 'jobhunter', 'ukraine_desk', 'manager', 'admin', 'partner')),
    password_hash TEXT NOT NULL,
    active BOOLEAN NOT NULL DEFAULT TRUE,
    created_at TIMESTAMPTZ NOT NULL,
    version BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX users_org ON users (org_id);

CREATE TABLE user_clusters (
    user_id BIGINT NOT NULL REFERENCES users (id),
    cluster TEXT NOT NULL CHECK (cluster IN ('techniek', 'zorg_welzijn', 'onderwijs_overheid_zakelijk', 'handel_facilitair')),
    PRIMARY KEY (user_id, cluster)
);

CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users (id),
    csrf_token TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE api_tokens (
    id INTEGER PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users (id),
    token_hash TEXT NOT NULL UNIQUE,
    label TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    revoked BOOLEAN NOT NULL DEFAULT FALSE
);

CREATE TABLE target_groups (
    code TEXT PRIMARY KEY,
    label TEXT NOT NULL,
    has_target BOOLEAN NOT NULL DEFAULT FALSE,
    builtin BOOLEAN NOT NULL DEFAULT FALSE,
    position BIGINT NOT NULL DEFAULT 100
);

CREATE TABLE taxonomy_concepts (
    uri TEXT PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('occupation', 'skill', 'skill_group')),
    label TEXT NOT NULL,
    alt_labels TEXT NOT NULL DEFAULT '',
    isco_group TEXT
);
CREATE INDEX taxonomy_concepts_kind ON taxonomy_concepts (kind, label);

CREATE TABLE employers (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    kvk_number TEXT,
    sbi_code TEXT,
    sector TEXT NOT NULL CHECK (sector IN ('bouw', 'infra', 'techniek', 'industrie', 'groen', 'ict', 'zorg_welzijn', 'onderwijs', 'overheid', 'zakelijke_dienstverlening', 'transport', 'logistiek', 'handel', 'horeca_schoonmaak', 'beveiliging')),
    postcode TEXT,
    city TEXT NOT NULL DEFAULT '',
    municipality_code TEXT,
    website TEXT,
    account_holder_id BIGINT REFERENCES users (id),
    strategic BOOLEAN NOT NULL DEFAULT FALSE,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    version BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX employers_name ON employers (name);
CREATE INDEX employers_kvk ON employers (kvk_number);
CREATE INDEX employers_account_holder ON employers (account_holder_id);

CREATE TABLE employer_account_team (
    employer_id BIGINT NOT NULL REFERENCES employers (id),
    user_id BIGINT NOT NULL REFERENCES users (id),
    PRIMARY KEY (employer_id, user_id)
);

CREATE TABLE establishments (
    id INTEGER PRIMARY KEY,
    employer_id BIGINT NOT NULL REFERENCES employers (id),
    name TEXT NOT NULL,
    street TEXT,
    postcode TEXT,
    city TEXT NOT NULL DEFAULT '',
    version BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX establishments_employer ON establishments (employer_id);

CREATE TABLE contact_persons (
    id INTEGER PRIMARY KEY,
    employer_id BIGINT NOT NULL REFERENCES employers (id),
    name TEXT NOT NULL,
    job_title TEXT,
    email TEXT,
    phone TEXT,
    version BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX contact_persons_employer ON contact_persons (employer_id);

CREATE TABLE vacancies (
    id INTEGER PRIMARY KEY,
    employer_id BIGINT NOT NULL REFERENCES employers (id),
    title TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    occupation_uri TEXT,
    hours_per_week BIGINT,
    contract_type TEXT CHECK (contract_type IN ('permanent', 'temporary', 'temp_agency', 'traineeship', 'other')),
    education_level TEXT,
    driving_licences TEXT NOT NULL DEFAULT '',
    languages TEXT NOT NULL DEFAULT '',
    postcode TEXT,
    city TEXT NOT NULL DEFAULT '',
    closing_date DATE,
    positions BIGINT NOT NULL DEFAULT 1,
    status TEXT NOT NULL CHECK (status IN ('draft', 'open', 'on_hold', 'filled', 'closed')),
    publish BOOLEAN NOT NULL DEFAULT FALSE,
    created_by BIGINT REFERENCES users (id),
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    version BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX vacancies_employer ON vacancies (employer_id);
CREATE INDEX vacancies_status ON vacancies (status);

CREATE TABLE vacancy_skills (
    vacancy_id BIGINT NOT NULL REFERENCES vacancies (id),
    skill_uri TEXT NOT NULL,
    essential BOOLEAN NOT NULL DEFAULT TRUE,
    PRIMARY KEY (vacancy_id, skill_uri)
);

CREATE TABLE candidates (
    id INTEGER PRIMARY KEY,
    org_id BIGINT NOT NULL REFERENCES organisations (id),
    first_name TEXT NOT NULL,
    last_name TEXT NOT NULL,
    email TEXT,
    phone TEXT,
    postcode TEXT,
    city TEXT NOT NULL DEFAULT '',
    target_group TEXT NOT NULL REFERENCES target_groups (code),
    work_ready BOOLEAN NOT NULL DEFAULT FALSE,
    consent_wsp BOOLEAN NOT NULL DEFAULT FALSE,
    consent_date DATE,
    available_from DATE,
    hours_per_week BIGINT,
    education_level TEXT,
    driving_licences TEXT NOT NULL DEFAULT '',
    languages TEXT NOT NULL DEFAULT '',
    max_travel_km BIGINT,
    consultant_id BIGINT REFERENCES users (id),
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    version BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX candidates_org ON candidates (org_id);
CREATE INDEX candidates_consent ON candidates (consent_wsp);
CREATE INDEX candidates_last_name ON candidates (last_name);

CREATE TABLE candidate_skills (
    candidate_id BIGINT NOT NULL REFERENCES candidates (id),
    skill_uri TEXT NOT NULL,
    PRIMARY KEY (candidate_id, skill_uri)
);

CREATE TABLE contact_moments (
    id INTEGER PRIMARY KEY,
    employer_id BIGINT NOT NULL REFERENCES employers (id),
    user_id BIGINT NOT NULL REFERENCES users (id),
    kind TEXT NOT NULL CHECK (kind IN ('visit', 'call', 'email', 'event', 'other')),
    level TEXT NOT NULL CHECK (level IN ('strategic', 'tactical', 'operational')),
    subject TEXT NOT NULL,
    notes TEXT NOT NULL DEFAULT '',
    occurred_at TIMESTAMPTZ NOT NULL,
    version BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX contact_moments_employer ON contact_moments (employer_id, occurred_at);

CREATE TABLE nominations (
    id INTEGER PRIMARY KEY,
    org_id BIGINT NOT NULL REFERENCES organisations (id),
    vacancy_id BIGINT NOT NULL REFERENCES vacancies (id),
    candidate_id BIGINT NOT NULL REFERENCES candidates (id),
    proposed_by BIGINT NOT NULL REFERENCES users (id),
    state TEXT NOT NULL CHECK (state IN ('proposed', 'interested', 'declined', 'interview', 'offer', 'placed', 'not_placed')),
    reason TEXT,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    version BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX nominations_vacancy ON nominations (vacancy_id);
CREATE INDEX nominations_candidate ON nominations (candidate_id);

CREATE TABLE placements (
    id INTEGER PRIMARY KEY,
    org_id BIGINT NOT NULL REFERENCES organisations (id),
    candidate_id BIGINT NOT NULL REFERENCES candidates (id),
    employer_id BIGINT NOT NULL REFERENCES employers (id),
    vacancy_id BIGINT REFERENCES vacancies (id),
    nomination_id BIGINT REFERENCES nominations (id),
    contract_type TEXT NOT NULL CHECK (contract_type IN ('permanent', 'temporary', 'temp_agency', 'traineeship', 'other')),
    hours_per_week BIGINT NOT NULL,
    start_date DATE NOT NULL,
    hourly_wage_cents BIGINT,
    target_group TEXT NOT NULL REFERENCES target_groups (code),
    benefit_outflow BOOLEAN NOT NULL DEFAULT FALSE,
    created_at TIMESTAMPTZ NOT NULL,
    version BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX placements_candidate ON placements (candidate_id);
CREATE INDEX placements_start ON placements (start_date);

CREATE TABLE processing_log (
    id INTEGER PRIMARY KEY,
    trace_id TEXT NOT NULL,
    span_id TEXT NOT NULL,
    name TEXT NOT NULL,
    processing_activity TEXT NOT NULL,
    data_subject_id TEXT NOT NULL,
    actor_id BIGINT,
    started_at TIMESTAMPTZ NOT NULL,
    ended_at TIMESTAMPTZ NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('ok', 'error'))
);
CREATE INDEX processing_log_subject ON processing_log (data_subject_id);

CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    object TEXT NOT NULL,
    result TEXT NOT NULL CHECK (result IN ('success', 'failure', 'denied')),
    origin TEXT NOT NULL,
    occurred_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX audit_log_action ON audit_log (action, occurred_at);

-- The logs are append-only: no row may be changed or removed.
CREATE TRIGGER processing_log_no_update BEFORE UPDATE ON processing_log
BEGIN SELECT RAISE(ABORT, 'the processing_log table is append-only'); END;
CREATE TRIGGER processing_log_no_delete BEFORE DELETE ON processing_log
BEGIN SELECT RAISE(ABORT, 'the processing_log table is append-only'); END;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit_log table is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit_log table is append-only'); END;
