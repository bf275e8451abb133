-- koppel schema, version 7: a candidate's desired occupation, and the target groups a vacancy is open to.

ALTER TABLE candidates ADD COLUMN desired_occupation_uri TEXT;
ALTER TABLE vacancies ADD COLUMN eligible_target_groups TEXT NOT NULL DEFAULT '';
