-- Initial schema. Times are integer nanoseconds since the Unix epoch in UTC;
-- 0 stands for the zero time. Optional references are NULL rather than 0.

CREATE TABLE sources (
    id            INTEGER PRIMARY KEY,
    name          TEXT    NOT NULL,
    slug          TEXT    NOT NULL UNIQUE,
    home_url      TEXT    NOT NULL DEFAULT '',
    feed_url      TEXT    NOT NULL UNIQUE,
    lang          TEXT    NOT NULL DEFAULT '',
    region        TEXT    NOT NULL DEFAULT '',
    allow_private INTEGER NOT NULL DEFAULT 0,
    created_at    INTEGER NOT NULL,
    etag          TEXT    NOT NULL DEFAULT '',
    last_modified TEXT    NOT NULL DEFAULT '',
    last_fetch_at INTEGER NOT NULL DEFAULT 0,
    last_status   INTEGER NOT NULL DEFAULT 0,
    last_error    TEXT    NOT NULL DEFAULT '',
    fail_count    INTEGER NOT NULL DEFAULT 0,
    next_poll_at  INTEGER NOT NULL DEFAULT 0,
    interval_ns   INTEGER NOT NULL DEFAULT 0,
    items_per_day REAL    NOT NULL DEFAULT 0,
    lease_until   INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX sources_due ON sources (next_poll_at, id);

CREATE TABLE items (
    id          INTEGER PRIMARY KEY,
    source_id   INTEGER NOT NULL REFERENCES sources (id) ON DELETE CASCADE,
    guid        TEXT    NOT NULL,
    url         TEXT    NOT NULL,
    title       TEXT    NOT NULL DEFAULT '',
    summary     TEXT    NOT NULL DEFAULT '',
    content     TEXT    NOT NULL DEFAULT '',
    author      TEXT    NOT NULL DEFAULT '',
    published   INTEGER NOT NULL DEFAULT 0,
    image_url   TEXT    NOT NULL DEFAULT '',
    categories  TEXT    NOT NULL DEFAULT '[]',
    state       TEXT    NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'done', 'failed')),
    attempts    INTEGER NOT NULL DEFAULT 0,
    error       TEXT    NOT NULL DEFAULT '',
    not_before  INTEGER NOT NULL DEFAULT 0,
    lease_until INTEGER NOT NULL DEFAULT 0,
    created_at  INTEGER NOT NULL,
    UNIQUE (source_id, guid),
    UNIQUE (source_id, url)
);
CREATE INDEX items_queue ON items (id, lease_until, not_before) WHERE state = 'pending';

CREATE TABLE stories (
    id              INTEGER PRIMARY KEY,
    title           TEXT    NOT NULL DEFAULT '',
    section         TEXT    NOT NULL DEFAULT '',
    lang            TEXT    NOT NULL DEFAULT '',
    lead_article_id INTEGER REFERENCES articles (id) ON DELETE SET NULL,
    terms           TEXT    NOT NULL DEFAULT '{}',
    created_at      INTEGER NOT NULL
);
CREATE INDEX stories_lang_section ON stories (lang, section);

CREATE TABLE articles (
    id            INTEGER PRIMARY KEY,
    source_id     INTEGER NOT NULL REFERENCES sources (id) ON DELETE CASCADE,
    item_id       INTEGER UNIQUE REFERENCES items (id) ON DELETE CASCADE,
    url           TEXT    NOT NULL,
    canonical_url TEXT    UNIQUE,
    title         TEXT    NOT NULL DEFAULT '',
    byline        TEXT    NOT NULL DEFAULT '',
    published     INTEGER NOT NULL DEFAULT 0,
    updated       INTEGER NOT NULL DEFAULT 0,
    lang          TEXT    NOT NULL DEFAULT '',
    section       TEXT    NOT NULL DEFAULT '',
    image_url     TEXT    NOT NULL DEFAULT '',
    image_caption TEXT    NOT NULL DEFAULT '',
    html          TEXT    NOT NULL DEFAULT '',
    text          TEXT    NOT NULL DEFAULT '',
    excerpt       TEXT    NOT NULL DEFAULT '',
    content_hash  TEXT    NOT NULL DEFAULT '',
    simhash       INTEGER NOT NULL DEFAULT 0,
    duplicate_of  INTEGER REFERENCES articles (id) ON DELETE SET NULL,
    story_id      INTEGER REFERENCES stories (id) ON DELETE SET NULL,
    wire_credit   TEXT    NOT NULL DEFAULT '',
    partial       INTEGER NOT NULL DEFAULT 0,
    summary       TEXT    NOT NULL DEFAULT '[]',
    key_points    TEXT    NOT NULL DEFAULT '[]',
    created_at    INTEGER NOT NULL
);
CREATE INDEX articles_published ON articles (published DESC, id DESC);
CREATE INDEX articles_source ON articles (source_id, published DESC);
CREATE INDEX articles_story ON articles (story_id, published DESC);
CREATE INDEX articles_lang ON articles (lang, published DESC);
CREATE INDEX articles_section ON articles (section, published DESC);
CREATE INDEX articles_hash ON articles (content_hash);
CREATE INDEX articles_url ON articles (url);
CREATE INDEX articles_duplicate_of ON articles (duplicate_of);

CREATE TABLE hashtags (
    id   INTEGER PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    kind TEXT NOT NULL DEFAULT ''
);

CREATE TABLE article_hashtags (
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    hashtag_id INTEGER NOT NULL REFERENCES hashtags (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    PRIMARY KEY (article_id, hashtag_id)
) WITHOUT ROWID;
CREATE INDEX article_hashtags_hashtag ON article_hashtags (hashtag_id, article_id);

-- Full-text index over article titles and bodies, kept in step by triggers.
CREATE VIRTUAL TABLE articles_fts USING fts5 (
    title,
    text,
    content = 'articles',
    content_rowid = 'id',
    tokenize = 'porter unicode61 remove_diacritics 2'
);

CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts (rowid, title, text) VALUES (new.id, new.title, new.text);
END;

CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
END;

CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
    INSERT INTO articles_fts (rowid, title, text) VALUES (new.id, new.title, new.text);
END;

CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    name          TEXT    NOT NULL,
    name_key      TEXT    NOT NULL UNIQUE,
    email         TEXT    NOT NULL DEFAULT '',
    password_hash TEXT    NOT NULL DEFAULT '',
    admin         INTEGER NOT NULL DEFAULT 0,
    created_at    INTEGER NOT NULL
);

CREATE TABLE comments (
    id         INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    parent_id  INTEGER REFERENCES comments (id) ON DELETE CASCADE,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    body       TEXT    NOT NULL,
    status     TEXT    NOT NULL CHECK (status IN ('visible', 'held', 'removed')),
    created_at INTEGER NOT NULL
);
CREATE INDEX comments_article ON comments (article_id, created_at, id);
CREATE INDEX comments_status ON comments (status, created_at, id);
CREATE INDEX comments_user ON comments (user_id, created_at);
CREATE INDEX comments_parent ON comments (parent_id);

CREATE TABLE sessions (
    token      TEXT    PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    csrf       TEXT    NOT NULL DEFAULT '',
    expires_at INTEGER NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);
CREATE INDEX sessions_expires ON sessions (expires_at);
