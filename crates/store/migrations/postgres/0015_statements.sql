-- koppel schema, version 15: the public statements every Dutch public service must show (the
-- privacy statement and the accessibility statement), as the administrator wrote them.
CREATE TABLE statements (
    kind TEXT PRIMARY KEY,
    body TEXT NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    updated_by TEXT NOT NULL
);
