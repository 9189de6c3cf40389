from django.db import migrations, models


def forget_registration_rows(apps, schema_editor):
    """The registrations' rows of the last run knew nothing of stale findings: kept, every one would read as not
    contradicted until the next run. Without them the cockpit shows no accuracy until `anju fusion run` writes it."""
    apps.get_model("fusion", "Residence").objects.filter(kind="registration").delete()


class Migration(migrations.Migration):

    dependencies = [
        ("fusion", "0007_load_without_like_indexes_and_fk_checks"),
    ]

    operations = [
        migrations.AddField(
            model_name="residence",
            name="contradicted",
            field=models.BooleanField(default=False),
        ),
        migrations.RunPython(forget_registration_rows, migrations.RunPython.noop),
    ]
