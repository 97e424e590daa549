-- WebSub subscriptions: at most one per source, named by the random token
-- of its callback address. claim_until leases a due renewal to one worker.
CREATE TABLE subscriptions (
    source_id    bigint      PRIMARY KEY REFERENCES sources (id) ON DELETE CASCADE,
    hub          text        NOT NULL,
    topic        text        NOT NULL,
    token        text        NOT NULL UNIQUE,
    secret       text        NOT NULL DEFAULT '',
    state        text        NOT NULL CHECK (state IN ('pending', 'active', 'denied', 'unsubscribing')),
    lease_until  timestamptz NOT NULL DEFAULT '0001-01-01 00:00:00+00',
    renew_at     timestamptz NOT NULL DEFAULT '0001-01-01 00:00:00+00',
    verified_at  timestamptz NOT NULL DEFAULT '0001-01-01 00:00:00+00',
    last_error   text        NOT NULL DEFAULT '',
    last_push_at timestamptz NOT NULL DEFAULT '0001-01-01 00:00:00+00',
    created_at   timestamptz NOT NULL,
    claim_until  timestamptz NOT NULL DEFAULT '0001-01-01 00:00:00+00'
);
CREATE INDEX subscriptions_due ON subscriptions (renew_at, source_id);
