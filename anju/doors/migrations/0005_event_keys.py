"""PostgreSQL: the dedup key becomes (device, occurred_at, seq), which also serves "a device's events in time order",
so the separate (device, occurred_at) index goes: four indexes to maintain per stored event instead of five (the
INSERT is most of what ingestion costs the database). Same rows are duplicates as before; SQLite is unchanged."""
from django.db import migrations

WANTED = "UNIQUE (device_id, occurred_at, seq)"


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conname = 'one_event_per_device_seq' "
                       "AND conrelid = 'doors_doorevent'::regclass")
        row = cursor.fetchone()
        if row is None or row[0] != WANTED:  # a database made before this migration (0002 now creates the new key)
            cursor.execute("ALTER TABLE doors_doorevent DROP CONSTRAINT IF EXISTS one_event_per_device_seq")
            cursor.execute(f"ALTER TABLE doors_doorevent ADD CONSTRAINT one_event_per_device_seq {WANTED}")
        cursor.execute("DROP INDEX IF EXISTS doors_doorevent_device_at")


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE INDEX IF NOT EXISTS doors_doorevent_device_at ON doors_doorevent (device_id, occurred_at)")


class Migration(migrations.Migration):
    dependencies = [("doors", "0004_credential_checked_watchlist")]
    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
