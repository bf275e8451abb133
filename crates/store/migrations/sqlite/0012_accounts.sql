-- koppel schema, version 12: accounts. API tokens expire and may be read-only; staff accounts
-- have a second factor (TOTP, RFC 6238) with single-use recovery codes; a session records whether
-- its second factor was given.

ALTER TABLE api_tokens ADD COLUMN expires_at TIMESTAMPTZ;
ALTER TABLE api_tokens ADD COLUMN read_only BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE users ADD COLUMN totp_secret TEXT;
ALTER TABLE sessions ADD COLUMN second_factor_done BOOLEAN NOT NULL DEFAULT TRUE;

CREATE TABLE recovery_codes (
    id INTEGER PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users (id),
    code_hash TEXT NOT NULL,
    used_at TIMESTAMPTZ
);
CREATE INDEX recovery_codes_user ON recovery_codes (user_id);
