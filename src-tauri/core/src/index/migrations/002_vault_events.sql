-- Format v2 of index.sqlite3 (DESIGN.md §3): the vault's own event log.
-- What happened to the vault as a whole rather than to one map: the clock confirmed or
-- corrected, a date or a map file found changed behind Peer Map's back, a map restored from a
-- backup destroyed again. Each body is an age file (JSON {at, kind, ...}) to the master
-- recipient, so the log says nothing to someone without the passphrase; seq orders it.

CREATE TABLE vault_events (
    seq  INTEGER PRIMARY KEY AUTOINCREMENT,
    body BLOB NOT NULL
) STRICT;
