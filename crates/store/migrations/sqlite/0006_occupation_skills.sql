-- koppel schema, version 6: occupation-to-skill relations from ESCO (essential or optional).

CREATE TABLE occupation_skills (
    occupation_uri TEXT NOT NULL,
    skill_uri TEXT NOT NULL,
    relation TEXT NOT NULL CHECK (relation IN ('essential', 'optional')),
    PRIMARY KEY (occupation_uri, skill_uri)
);
