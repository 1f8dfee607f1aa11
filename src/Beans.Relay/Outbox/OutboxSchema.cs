namespace Beans.Relay.Outbox;

/// <summary>The outbox's tables and indexes; applying it twice changes nothing.</summary>
internal static class OutboxSchema
{
    public const string Create = """
        CREATE TABLE IF NOT EXISTS outbox (
            id                INTEGER PRIMARY KEY AUTOINCREMENT,
            event_id          TEXT    NOT NULL,
            event_type        TEXT    NOT NULL,
            entity_key        TEXT    NOT NULL,
            hook              TEXT    NOT NULL,
            body              TEXT    NOT NULL,
            is_upsert         INTEGER NOT NULL,
            state             INTEGER NOT NULL DEFAULT 0,
            attempts          INTEGER NOT NULL DEFAULT 0,
            consumed_at       INTEGER NOT NULL,
            next_attempt_at   INTEGER NOT NULL,
            first_attempt_at  INTEGER,
            last_attempt_at   INTEGER,
            last_status       INTEGER,
            last_error        TEXT,
            response_excerpt  TEXT,
            completed_at      INTEGER
        );
        CREATE UNIQUE INDEX IF NOT EXISTS ux_outbox_event_id ON outbox (event_id);
        CREATE INDEX IF NOT EXISTS ix_outbox_due ON outbox (next_attempt_at, id) WHERE state = 0;
        CREATE INDEX IF NOT EXISTS ix_outbox_entity ON outbox (entity_key, id) WHERE state = 0;
        CREATE INDEX IF NOT EXISTS ix_outbox_completed ON outbox (completed_at) WHERE state IN (1, 3);
        CREATE INDEX IF NOT EXISTS ix_outbox_dead ON outbox (completed_at, id) WHERE state = 2;
        CREATE TABLE IF NOT EXISTS relay_state (
            key         TEXT    PRIMARY KEY,
            value       TEXT,
            updated_at  INTEGER NOT NULL
        );
        """;
}
