-- koppel schema, version 3: coded nomination reasons, the warm handover, job carving,
-- instruments and benefit of placements, archived and merged employers.

ALTER TABLE nominations ADD COLUMN reason_code TEXT;

ALTER TABLE candidates ADD COLUMN work_ready_assessed_on DATE;
ALTER TABLE candidates ADD COLUMN consent_scope TEXT NOT NULL DEFAULT '';
ALTER TABLE candidates ADD COLUMN target_group_evidence TEXT NOT NULL DEFAULT '';
ALTER TABLE candidates ADD COLUMN target_group_valid_until DATE;
ALTER TABLE candidates ADD COLUMN wishes TEXT NOT NULL DEFAULT '';

ALTER TABLE vacancies ADD COLUMN job_carving BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE vacancies ADD COLUMN carved_tasks TEXT NOT NULL DEFAULT '';
ALTER TABLE vacancies ADD COLUMN carved_from TEXT NOT NULL DEFAULT '';
ALTER TABLE vacancies ADD COLUMN carved_for_candidate_id BIGINT REFERENCES candidates (id);

ALTER TABLE placements ADD COLUMN benefit TEXT;

CREATE TABLE placement_instruments (
    id INTEGER PRIMARY KEY,
    placement_id BIGINT NOT NULL REFERENCES placements (id),
    instrument TEXT NOT NULL CHECK (instrument IN ('proefplaatsing', 'no_riskpolis', 'loondispensatie', 'loonkostensubsidie', 'mobiliteitsbonus', 'jobcoaching', 'werkplekaanpassing', 'slim_scholing', 'praktijkroute')),
    status TEXT NOT NULL CHECK (status IN ('requested', 'granted', 'refused', 'ended')),
    amount_cents BIGINT,
    start_date DATE,
    end_date DATE,
    notes TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMPTZ NOT NULL,
    version BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX placement_instruments_placement ON placement_instruments (placement_id);

ALTER TABLE employers ADD COLUMN archived BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE employers ADD COLUMN merged_into BIGINT REFERENCES employers (id);
