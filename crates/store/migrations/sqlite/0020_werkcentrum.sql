-- koppel schema, version 20: the Werkcentrum's desk. A gids role; locations with walk-in hours;
-- conversations, residents (with consent) and referrals to partner organisations.
--
-- SQLite cannot change a CHECK constraint in place, and a migration runs in a transaction, where
-- foreign keys cannot be switched off. So the users table is rebuilt under the same name with the
-- foreign-key checks deferred to the commit: dropping it counts every row that refers to a user
-- as a violation, and putting the same users back into a table of that name counts each one
-- resolved again. The one table that cascades a user's deletion (mail opt-outs) is kept aside
-- and put back.
PRAGMA defer_foreign_keys = ON;
CREATE TEMP TABLE users_kept AS SELECT * FROM users;
CREATE TEMP TABLE mail_optouts_kept AS SELECT * FROM mail_optouts;
DROP TABLE users;
CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    org_id BIGINT NOT NULL REFERENCES organisations (id),
    email TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('adviser', 'consultant', 'jobhunter', 'ukraine_desk', 'manager', 'admin', 'partner', 'gids')),
    password_hash TEXT NOT NULL,
    active BOOLEAN NOT NULL DEFAULT TRUE,
    created_at TIMESTAMPTZ NOT NULL,
    version BIGINT NOT NULL DEFAULT 1,
    totp_secret TEXT
);
INSERT INTO users (id, org_id, email, name, role, password_hash, active, created_at, version, totp_secret)
    SELECT id, org_id, email, name, role, password_hash, active, created_at, version, totp_secret FROM users_kept;
CREATE INDEX users_org ON users (org_id);
INSERT INTO mail_optouts (user_id, kind) SELECT user_id, kind FROM mail_optouts_kept;
DROP TABLE users_kept;
DROP TABLE mail_optouts_kept;

-- The Werkcentrum's locations with their walk-in hours (spreekuren), kept by the administrator
-- and shown on a public page.
CREATE TABLE desk_locations (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    address TEXT NOT NULL,
    postcode TEXT NOT NULL,
    city TEXT NOT NULL,
    walk_in_hours TEXT NOT NULL,
    active BOOLEAN NOT NULL DEFAULT TRUE,
    version BIGINT NOT NULL DEFAULT 1
);

-- A resident the desk registered, with their consent and the least data needed to help and refer.
CREATE TABLE residents (
    id INTEGER PRIMARY KEY,
    org_id BIGINT NOT NULL REFERENCES organisations (id),
    name TEXT NOT NULL,
    birth_date DATE NOT NULL,
    phone TEXT,
    email TEXT,
    consent_at TIMESTAMPTZ NOT NULL,
    registered_by BIGINT NOT NULL REFERENCES users (id),
    created_at TIMESTAMPTZ NOT NULL,
    purged_at TIMESTAMPTZ,
    version BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX residents_birth_date ON residents (birth_date, org_id);

-- A visit or call at the desk: anonymous (only counted) or with a registered resident.
CREATE TABLE desk_conversations (
    id INTEGER PRIMARY KEY,
    org_id BIGINT NOT NULL REFERENCES organisations (id),
    user_id BIGINT NOT NULL REFERENCES users (id),
    location_id BIGINT REFERENCES desk_locations (id),
    channel TEXT NOT NULL CHECK (channel IN ('walk_in', 'phone', 'appointment', 'online')),
    question TEXT NOT NULL CHECK (question IN ('werken', 'leren', 'loopbaan', 'personeel', 'uitkering', 'anders')),
    asker TEXT NOT NULL CHECK (asker IN ('resident', 'worker', 'employer')),
    resident_id BIGINT REFERENCES residents (id),
    advice TEXT NOT NULL DEFAULT '',
    next_step TEXT NOT NULL DEFAULT '',
    occurred_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX desk_conversations_occurred ON desk_conversations (occurred_at, org_id);
CREATE INDEX desk_conversations_resident ON desk_conversations (resident_id);

-- A warm handover of a resident to the partner organisation that is responsible, which accepts it
-- or sends it back with a reason.
CREATE TABLE referrals (
    id INTEGER PRIMARY KEY,
    resident_id BIGINT NOT NULL REFERENCES residents (id),
    conversation_id BIGINT REFERENCES desk_conversations (id),
    from_org_id BIGINT NOT NULL REFERENCES organisations (id),
    sent_by BIGINT NOT NULL REFERENCES users (id),
    to_org_id BIGINT NOT NULL REFERENCES organisations (id),
    to_user_id BIGINT REFERENCES users (id),
    note TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL CHECK (status IN ('sent', 'accepted', 'returned')),
    sent_at TIMESTAMPTZ NOT NULL,
    answered_at TIMESTAMPTZ,
    answered_by BIGINT REFERENCES users (id),
    return_reason TEXT NOT NULL DEFAULT '',
    followed_up_at TIMESTAMPTZ,
    -- The candidate a WSP partner registered from the referral (the existing handover path).
    candidate_id BIGINT REFERENCES candidates (id),
    version BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX referrals_to ON referrals (to_org_id, status);
CREATE INDEX referrals_from ON referrals (from_org_id, status);
CREATE INDEX referrals_resident ON referrals (resident_id);

-- A resident's request through the public form: an appointment at a walk-in hour, or a call back.
CREATE TABLE desk_requests (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('appointment', 'call_back')),
    name TEXT NOT NULL,
    phone TEXT,
    email TEXT,
    question TEXT NOT NULL CHECK (question IN ('werken', 'leren', 'loopbaan', 'personeel', 'uitkering', 'anders')),
    location_id BIGINT REFERENCES desk_locations (id),
    message TEXT NOT NULL,
    received_at TIMESTAMPTZ NOT NULL,
    handled_at TIMESTAMPTZ,
    handled_by BIGINT REFERENCES users (id),
    purged_at TIMESTAMPTZ,
    version BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX desk_requests_open ON desk_requests (handled_at, received_at);

-- Trajectories the Werkcentrum pays for (werkfit, opleiding, loopbaan, or a kind the administrator
-- adds), booked against a yearly budget per kind; the outcome feeds the figures.
CREATE TABLE trajectory_kinds (
    code TEXT PRIMARY KEY,
    label TEXT NOT NULL,
    active BOOLEAN NOT NULL DEFAULT TRUE
);
INSERT INTO trajectory_kinds (code, label) VALUES ('werkfit', 'Werkfit'), ('opleiding', 'Opleiding'), ('loopbaan', 'Loopbaan');

CREATE TABLE trajectory_budgets (
    org_id BIGINT NOT NULL REFERENCES organisations (id),
    year INTEGER NOT NULL,
    kind TEXT NOT NULL REFERENCES trajectory_kinds (code),
    amount_cents BIGINT NOT NULL CHECK (amount_cents >= 0),
    PRIMARY KEY (org_id, year, kind)
);

CREATE TABLE trajectories (
    id INTEGER PRIMARY KEY,
    org_id BIGINT NOT NULL REFERENCES organisations (id),
    resident_id BIGINT NOT NULL REFERENCES residents (id),
    kind TEXT NOT NULL REFERENCES trajectory_kinds (code),
    provider TEXT NOT NULL,
    start_date DATE NOT NULL,
    end_date DATE,
    cost_cents BIGINT NOT NULL CHECK (cost_cents >= 0),
    spent_cents BIGINT NOT NULL DEFAULT 0 CHECK (spent_cents >= 0),
    outcome TEXT NOT NULL CHECK (outcome IN ('running', 'in_work', 'in_education', 'dropped_out')),
    booked_by BIGINT NOT NULL REFERENCES users (id),
    created_at TIMESTAMPTZ NOT NULL,
    version BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX trajectories_year ON trajectories (org_id, start_date, kind);
CREATE INDEX trajectories_resident ON trajectories (resident_id);

-- Which instruments may apply to a candidate at an employer: rules as data, because they change
-- every year and differ per municipality. Each names the condition the adviser checks and its
-- source; an empty list (target groups, municipalities, sectors) means any. The rules below are
-- a start for the administrator to check and extend.
CREATE TABLE instrument_rules (
    id INTEGER PRIMARY KEY,
    instrument TEXT NOT NULL CHECK (instrument IN ('proefplaatsing', 'no_riskpolis', 'loondispensatie', 'loonkostensubsidie', 'mobiliteitsbonus', 'jobcoaching', 'werkplekaanpassing', 'slim_scholing', 'praktijkroute')),
    target_groups TEXT NOT NULL DEFAULT '',
    municipalities TEXT NOT NULL DEFAULT '',
    sectors TEXT NOT NULL DEFAULT '',
    condition TEXT NOT NULL,
    source TEXT NOT NULL,
    valid_from DATE NOT NULL,
    valid_to DATE,
    active BOOLEAN NOT NULL DEFAULT TRUE
);
INSERT INTO instrument_rules (instrument, target_groups, condition, source, valid_from) VALUES
    ('loonkostensubsidie', 'pwet,banenafspraak', 'De loonwaarde is vastgesteld en ligt onder het wettelijk minimumloon; de gemeente betaalt het verschil aan de werkgever.', 'Participatiewet, artikel 10d', '2026-01-01'),
    ('no_riskpolis', 'banenafspraak,wajong,wia', 'De kandidaat heeft een arbeidsbeperking; bij ziekte betaalt UWV de Ziektewet-uitkering in plaats van de werkgever.', 'Ziektewet, artikel 29b', '2026-01-01'),
    ('proefplaatsing', 'ww,wia', 'Werken met behoud van uitkering, als de werkgever daarna een contract van minstens zes maanden biedt.', 'UWV: proefplaatsing', '2026-01-01'),
    ('proefplaatsing', 'pwet', 'Werken met behoud van bijstand, in overleg met de gemeente.', 'Participatiewet; beleidsregels van de gemeente', '2026-01-01'),
    ('mobiliteitsbonus', 'banenafspraak,ww,wia,wajong', 'Loonkostenvoordeel voor een werknemer uit de doelgroep banenafspraak, met een arbeidsbeperking, of van 56 jaar of ouder die een uitkering had; UWV geeft de doelgroepverklaring af.', 'Wet tegemoetkomingen loondomein (LKV)', '2026-01-01'),
    ('jobcoaching', 'banenafspraak,wajong,wia,ips', 'De kandidaat heeft begeleiding op de werkplek nodig om het werk te leren en te houden.', 'UWV of gemeente: jobcoaching', '2026-01-01'),
    ('slim_scholing', '', 'De werkgever is een mkb-bedrijf en vraagt in een aanvraagtijdvak subsidie aan voor scholing van zijn medewerkers.', 'SLIM-regeling (Ministerie van SZW)', '2026-01-01');
