-- koppel schema, version 10: other identifiers for taxonomy concepts. VUM names occupations and
-- skills by CompetentNL URI; koppel keeps ESCO concepts and maps the other URIs onto them.

CREATE TABLE taxonomy_aliases (
    uri TEXT PRIMARY KEY,
    concept_uri TEXT NOT NULL,
    scheme TEXT NOT NULL,
    relation TEXT NOT NULL CHECK (relation IN ('exactMatch', 'closeMatch', 'broadMatch', 'narrowMatch'))
);
CREATE INDEX taxonomy_aliases_concept ON taxonomy_aliases (concept_uri);
