from django.db import migrations, models


def count_records(apps, schema_editor):
    """Each feed's count from the records already stored: one grouped scan, once."""
    Source, Observation = apps.get_model("fusion", "Source"), apps.get_model("fusion", "Observation")
    counts = Observation.objects.values("source_id").annotate(n=models.Count("pk")).values_list("source_id", "n")
    for source_id, n in counts.order_by():
        Source.objects.filter(pk=source_id).update(records=n)


class Migration(migrations.Migration):

    dependencies = [
        ('fusion', '0009_finding_id_hash_index'),
    ]

    operations = [
        migrations.AddField(
            model_name='source',
            name='records',
            field=models.PositiveBigIntegerField(default=0, editable=False),
        ),
        migrations.RunPython(count_records, migrations.RunPython.noop),
    ]
