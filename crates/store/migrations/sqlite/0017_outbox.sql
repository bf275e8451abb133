-- koppel schema, version 17: e-mail that leaves koppel. A message is written to the outbox in the
-- same transaction as the change it tells about, and sent by a worker with retries; the
-- idempotency key makes a second write of the same message a no-op. Administrators may rewrite
-- the texts; staff may turn off the kinds addressed to them.
CREATE TABLE outbox (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('contact_receipt', 'escalation', 'aftercare_due', 'satisfaction', 'handover', 'import_done')),
    idempotency_key TEXT NOT NULL UNIQUE,
    recipient TEXT NOT NULL,
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMPTZ NOT NULL,
    claimed_until TIMESTAMPTZ,
    sent_at TIMESTAMPTZ,
    last_error TEXT
);
CREATE INDEX outbox_unsent ON outbox (next_attempt_at) WHERE sent_at IS NULL;

CREATE TABLE mail_texts (
    kind TEXT PRIMARY KEY,
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    updated_by TEXT NOT NULL
);

CREATE TABLE mail_optouts (
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    PRIMARY KEY (user_id, kind)
);

-- A contact request handed over to another adviser carries the note of who handed it over.
ALTER TABLE contact_requests ADD COLUMN handover_note TEXT NOT NULL DEFAULT '';
