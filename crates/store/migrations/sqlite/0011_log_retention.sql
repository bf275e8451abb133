-- The logs stay append-only, except that the retention purge may delete records past their own
-- retention: it opens a gate (the setting 'log_purge_open') inside its transaction and closes it
-- again before committing, so no other transaction ever sees it open.
DROP TRIGGER processing_log_no_delete;
CREATE TRIGGER processing_log_no_delete BEFORE DELETE ON processing_log
WHEN NOT EXISTS (SELECT 1 FROM settings WHERE key = 'log_purge_open')
BEGIN SELECT RAISE(ABORT, 'the processing_log table is append-only'); END;
DROP TRIGGER audit_log_no_delete;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
WHEN NOT EXISTS (SELECT 1 FROM settings WHERE key = 'log_purge_open')
BEGIN SELECT RAISE(ABORT, 'the audit_log table is append-only'); END;
