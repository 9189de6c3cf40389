"""Registrations imported before `anju import registrations` placed them at houses (their standard address has a house
and they none) are placed there, as the import and `house_register` now place them: one UPDATE. Their people follow
the next time a file names their number, or a service changes their registration."""
from django.db import migrations
from django.db.models import OuterRef, Subquery


def place(apps, schema_editor):
    House = apps.get_model("houses", "House")
    Registration = apps.get_model("registrations", "Registration")
    house = House.objects.filter(standard_address=OuterRef("standard_address")).values("pk")[:1]
    Registration.objects.filter(house__isnull=True, standard_address__isnull=False,
                                standard_address__houses__isnull=False).update(house=Subquery(house))


class Migration(migrations.Migration):
    dependencies = [
        ("registrations", "0005_task_status_cancelled"),
        ("houses", "0003_houseclaim"),
    ]

    operations = [migrations.RunPython(place, migrations.RunPython.noop)]
