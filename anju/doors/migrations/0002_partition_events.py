"""On PostgreSQL, door events live in a table partitioned by month (see anju/doors/partitions.py).

The model keeps its Django state (unique device + seq); the table PostgreSQL gets includes `occurred_at` in its
primary and unique keys, as partitioning requires. SQLite keeps the plain table from 0001.
"""
from django.db import migrations


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    from anju.doors import partitions

    for statement in filter(str.strip, partitions.CREATE.split(";")):
        schema_editor.execute(statement)
    partitions.ensure()


def backwards(apps, schema_editor):
    pass  # the partitioned table works as the plain one for every query Django makes


class Migration(migrations.Migration):
    dependencies = [("doors", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
