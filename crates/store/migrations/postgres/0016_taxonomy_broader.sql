-- koppel schema, version 16: the whole skill hierarchy. ESCO's hierarchy is a graph: thousands of
-- concepts have more than one broader concept, so each (concept, broader concept) pair is a row.
-- The column taxonomy_concepts.broader_uri keeps the last one read, for older readers.
CREATE TABLE taxonomy_broader (
    uri TEXT NOT NULL,
    broader_uri TEXT NOT NULL,
    PRIMARY KEY (uri, broader_uri)
);
INSERT INTO taxonomy_broader (uri, broader_uri)
    SELECT uri, broader_uri FROM taxonomy_concepts WHERE broader_uri IS NOT NULL;
