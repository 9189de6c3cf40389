"""An index on (object_type, id): the log filtered by record type alone, newest first, without reading every entry.

On PostgreSQL it is built CONCURRENTLY. The table holds millions of entries and every audited read inserts one; a
plain CREATE INDEX would hold those inserts, and so every read of a record, for as long as the build takes. A build
that fails part-way leaves an INVALID index behind: drop it (DROP INDEX CONCURRENTLY audit_entry_type_id_idx) and
migrate again. SQLite builds it plainly.
"""
from django.db import migrations, models


class AddIndexConcurrentlyOnPostgres(migrations.AddIndex):
    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor != "postgresql":
            return super().database_forwards(app_label, schema_editor, from_state, to_state)
        schema_editor.add_index(to_state.apps.get_model(app_label, self.model_name), self.index, concurrently=True)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor != "postgresql":
            return super().database_backwards(app_label, schema_editor, from_state, to_state)
        schema_editor.remove_index(from_state.apps.get_model(app_label, self.model_name), self.index,
                                   concurrently=True)


class Migration(migrations.Migration):

    atomic = False  # CREATE INDEX CONCURRENTLY cannot run inside a transaction

    dependencies = [
        ("audit", "0003_pending_entries"),
    ]

    operations = [
        AddIndexConcurrentlyOnPostgres(
            model_name="auditentry",
            index=models.Index(fields=["object_type", "id"], name="audit_entry_type_id_idx"),
        ),
    ]
