-- WebSub subscriptions: at most one per source, named by the random token
-- of its callback address. claim_until leases a due renewal to one worker.
CREATE TABLE subscriptions (
	source_id    INTEGER PRIMARY KEY REFERENCES sources (id) ON DELETE CASCADE,
	hub          TEXT    NOT NULL,
	topic        TEXT    NOT NULL,
	token        TEXT    NOT NULL UNIQUE,
	secret       TEXT    NOT NULL DEFAULT '',
	state        TEXT    NOT NULL CHECK (state IN ('pending', 'active', 'denied', 'unsubscribing')),
	lease_until  INTEGER NOT NULL DEFAULT 0,
	renew_at     INTEGER NOT NULL DEFAULT 0,
	verified_at  INTEGER NOT NULL DEFAULT 0,
	last_error   TEXT    NOT NULL DEFAULT '',
	last_push_at INTEGER NOT NULL DEFAULT 0,
	created_at   INTEGER NOT NULL,
	claim_until  INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX subscriptions_due ON subscriptions (renew_at, source_id);
