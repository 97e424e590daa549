-- When the next request to each host may start, shared by every process.
CREATE TABLE host_schedule (
	host    TEXT PRIMARY KEY,
	next_at INTEGER NOT NULL
);

-- Named locks with an expiry, for work that must not run twice at once.
CREATE TABLE named_locks (
	name       TEXT PRIMARY KEY,
	token      TEXT NOT NULL,
	expires_at INTEGER NOT NULL
);
