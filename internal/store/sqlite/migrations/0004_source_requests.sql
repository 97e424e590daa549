-- A source's own user agent and extra request headers (a JSON object).
ALTER TABLE sources ADD COLUMN user_agent TEXT NOT NULL DEFAULT '';
ALTER TABLE sources ADD COLUMN headers TEXT NOT NULL DEFAULT '{}';
