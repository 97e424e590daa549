-- When the next request to each host may start, shared by every process.
CREATE TABLE host_schedule (
    host    text        PRIMARY KEY,
    next_at timestamptz NOT NULL
);

-- Named locks with an expiry, for work that must not run twice at once.
CREATE TABLE named_locks (
    name       text        PRIMARY KEY,
    token      text        NOT NULL,
    expires_at timestamptz NOT NULL
);
