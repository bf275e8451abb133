-- koppel schema, version 5: the skill hierarchy (each concept's broader concept).

ALTER TABLE taxonomy_concepts ADD COLUMN broader_uri TEXT;
