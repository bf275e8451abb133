-- The logs stay append-only, except that the retention purge may delete records past their own
-- retention: it opens a gate (the setting 'log_purge_open') inside its transaction and closes it
-- again before committing, so no other transaction ever sees it open.
CREATE OR REPLACE FUNCTION koppel_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' AND EXISTS (SELECT 1 FROM settings WHERE key = 'log_purge_open') THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'the % table is append-only', TG_TABLE_NAME;
END;
$$;
