-- koppel schema, version 14: VUM documents kept whole. A vacancy or candidate imported from a VUM
-- document keeps that document as it came (served as its detail) and its search profile (what
-- selection questions are evaluated on), beside koppel's own fields.
CREATE TABLE vacancy_documents (
    vacancy_id INTEGER PRIMARY KEY REFERENCES vacancies (id) ON DELETE CASCADE,
    vum_id TEXT,
    postcode TEXT,
    document TEXT NOT NULL,
    profile TEXT NOT NULL
);
CREATE INDEX vacancy_documents_vum_id ON vacancy_documents (vum_id);
CREATE TABLE candidate_documents (
    candidate_id INTEGER PRIMARY KEY REFERENCES candidates (id) ON DELETE CASCADE,
    vum_id TEXT,
    postcode TEXT,
    document TEXT NOT NULL,
    profile TEXT NOT NULL
);
CREATE INDEX candidate_documents_vum_id ON candidate_documents (vum_id);
