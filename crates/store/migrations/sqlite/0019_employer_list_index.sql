-- The employer list (and the start page's count) at the size of a national import: the rows not
-- archived, in name order, without sorting the whole table for every page.
CREATE INDEX employers_list ON employers (archived, lower(name), id);
