"""Entries are written pending (no seq yet) and sealed into the chain by the sequencer.

The triggers now allow exactly one kind of UPDATE: sealing a pending entry, which sets `seq`, `prev_hash` and
`entry_hash` and leaves every other column as written. Everything else is refused as before (a sealed entry
cannot change at all; PostgreSQL also refuses DELETE).
"""
from django.db import migrations, models

CONTENT = ("id", "at", "actor_id", "actor_label", "actor_role", "action", "object_type", "object_ids", "purpose",
           "client_ip", "detail")

PG_FORWARD = f"""
CREATE OR REPLACE FUNCTION audit_append_only() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.seq IS NULL AND NEW.seq IS NOT NULL
     AND ({", ".join("NEW." + c for c in CONTENT)}) IS NOT DISTINCT FROM ({", ".join("OLD." + c for c in CONTENT)})
  THEN RETURN NEW; END IF;
  RAISE EXCEPTION 'audit log is append-only';
END; $$ LANGUAGE plpgsql;
"""
PG_BACKWARD = """
CREATE OR REPLACE FUNCTION audit_append_only() RETURNS trigger AS $$
BEGIN RAISE EXCEPTION 'audit log is append-only'; END; $$ LANGUAGE plpgsql;
"""
# SQLite rebuilds the table to make `seq` nullable, which drops its trigger: it is created again here.
SQLITE_FORWARD = f"""
CREATE TRIGGER IF NOT EXISTS audit_entry_append_only BEFORE UPDATE ON audit_auditentry
WHEN NOT (OLD.seq IS NULL AND NEW.seq IS NOT NULL AND {" AND ".join(f"NEW.{c} IS OLD.{c}" for c in CONTENT)})
BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
"""
SQLITE_BACKWARD = """
DROP TRIGGER IF EXISTS audit_entry_append_only;
CREATE TRIGGER audit_entry_append_only BEFORE UPDATE ON audit_auditentry
BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
"""


def forward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(PG_FORWARD)
    elif vendor == "sqlite":
        schema_editor.execute("DROP TRIGGER IF EXISTS audit_entry_append_only")
        schema_editor.execute(SQLITE_FORWARD)


def backward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(PG_BACKWARD)
    elif vendor == "sqlite":
        for statement in SQLITE_BACKWARD.split(";"):
            if statement.strip():
                schema_editor.execute(statement)


class Migration(migrations.Migration):

    dependencies = [
        ("audit", "0002_append_only"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="auditentry",
            options={"ordering": ["-id"], "verbose_name": "audit entry", "verbose_name_plural": "audit entries"},
        ),
        migrations.AlterField(
            model_name="auditentry",
            name="seq",
            field=models.BigIntegerField(blank=True, null=True, unique=True),
        ),
        migrations.RunPython(forward, backward),
    ]
