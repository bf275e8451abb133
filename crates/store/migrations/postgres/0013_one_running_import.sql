-- koppel schema, version 13: at most one running import of the same file (kind, content and
-- organisation), so two uploads at once cannot both start one; an interrupted run is resumed instead.
CREATE UNIQUE INDEX imports_one_running ON imports (kind, file_hash, COALESCE(org_id, 0)) WHERE status = 'running';
