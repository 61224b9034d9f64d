-- Format v1 of index.sqlite3 (DESIGN.md §3). Nothing here is map content in clear:
-- wrapped_key, meta and the catalogue body are age files; retain_until is a clear instant so
-- expiry works while the vault is locked; notify holds only recipients' role and team.

CREATE TABLE maps (
    id           TEXT PRIMARY KEY NOT NULL,  -- the map's random UUID, = maps/<id>.age
    wrapped_key  BLOB NOT NULL,              -- AGE-SECRET-KEY-1… line, encrypted to the master recipient
    retain_until TEXT NOT NULL,              -- RFC 3339, UTC
    meta         BLOB NOT NULL,              -- age(JSON {label, created_at, last_session_at, is_draft})
    notify       TEXT NOT NULL DEFAULT '[]'  -- JSON [{role, team}] of agreed shares, for the tombstone
) STRICT;

CREATE INDEX maps_by_retain_until ON maps (retain_until);

CREATE TABLE tombstones (
    map_id     TEXT NOT NULL,
    deleted_at TEXT NOT NULL,                -- RFC 3339, UTC
    reason     TEXT NOT NULL CHECK (reason IN
                 ('retention_expired', 'consent_withdrawn', 'not_kept', 'deleted_by_practitioner')),
    notify     TEXT NOT NULL DEFAULT '[]'    -- JSON [{role, team}]: who should be told
) STRICT;

-- Small clear settings: latest_seen (clock rollback guard), and later preferences.
CREATE TABLE vault_state (
    key   TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
) STRICT;

-- One age-encrypted JSON row with every map's list fields, so listing 10,000 maps costs one
-- decryption instead of 10,000 (see docs/PERFORMANCE.md). maps.meta stays the source of truth.
CREATE TABLE catalogue (
    id   INTEGER PRIMARY KEY CHECK (id = 1),
    body BLOB NOT NULL
) STRICT;
