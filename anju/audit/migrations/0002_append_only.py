"""The chain head row, and database triggers that refuse changes to written audit entries.

PostgreSQL refuses UPDATE and DELETE. SQLite refuses UPDATE only: Django's test
flush empties tables with DELETE there, and deletion is caught by the chain
anyway (a gap in `seq`, or a head that no longer matches the last entry).
"""
from django.db import migrations

PG_FORWARD = """
CREATE OR REPLACE FUNCTION audit_append_only() RETURNS trigger AS $$
BEGIN RAISE EXCEPTION 'audit log is append-only'; END; $$ LANGUAGE plpgsql;
CREATE TRIGGER audit_entry_append_only BEFORE UPDATE OR DELETE ON audit_auditentry
FOR EACH ROW EXECUTE FUNCTION audit_append_only();
"""
PG_BACKWARD = "DROP TRIGGER IF EXISTS audit_entry_append_only ON audit_auditentry; DROP FUNCTION IF EXISTS audit_append_only();"
SQLITE_FORWARD = """
CREATE TRIGGER audit_entry_append_only BEFORE UPDATE ON audit_auditentry
BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
"""
SQLITE_BACKWARD = "DROP TRIGGER IF EXISTS audit_entry_append_only;"


def forward(apps, schema_editor):
    apps.get_model("audit", "AuditHead").objects.get_or_create(pk=1)
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(PG_FORWARD)
    elif vendor == "sqlite":
        schema_editor.execute(SQLITE_FORWARD)


def backward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(PG_BACKWARD)
    elif vendor == "sqlite":
        schema_editor.execute(SQLITE_BACKWARD)


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]
    operations = [migrations.RunPython(forward, backward)]
