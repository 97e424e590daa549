-- What has been learned about each source's pages: how many pages were
-- seen and on how many each body block appeared (a JSON object from the
-- block key, in decimal, to a count).
CREATE TABLE source_templates (
	source_id INTEGER PRIMARY KEY REFERENCES sources(id) ON DELETE CASCADE,
	pages     INTEGER NOT NULL DEFAULT 0,
	blocks    TEXT    NOT NULL DEFAULT '{}'
);

-- The pages already learned, so that a page is counted once.
CREATE TABLE template_pages (
	source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
	page      TEXT    NOT NULL,
	PRIMARY KEY (source_id, page)
);
