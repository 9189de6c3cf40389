"""An index on id_masked (varchar_pattern_ops): the search by a masked ID number (330106********1234, an equality) or
by the start of one (330106…, a LIKE prefix) reads it instead of every person in the reader's jurisdiction.

On PostgreSQL it is built CONCURRENTLY, as audit 0004 builds its index: people are added all day (declarations,
imports), and a plain CREATE INDEX would hold those writes for as long as the build takes. A build that fails
part-way leaves an INVALID index behind: drop it (DROP INDEX CONCURRENTLY person_id_masked_idx) and migrate again.
SQLite builds it plainly (the operator class is PostgreSQL's; SQLite's index serves the equality).
"""
from importlib import import_module

from django.db import migrations, models

# the operation audit 0004 defined (AddIndex, CONCURRENTLY on PostgreSQL); an applied migration does not change
AddIndexConcurrentlyOnPostgres = import_module(
    "anju.audit.migrations.0004_entry_type_index").AddIndexConcurrentlyOnPostgres


class Migration(migrations.Migration):

    atomic = False  # CREATE INDEX CONCURRENTLY cannot run inside a transaction

    dependencies = [
        ("people", "0002_registryrecord"),
    ]

    operations = [
        AddIndexConcurrentlyOnPostgres(
            model_name="person",
            index=models.Index(fields=["id_masked"], name="person_id_masked_idx", opclasses=["varchar_pattern_ops"]),
        ),
    ]
