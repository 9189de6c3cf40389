from django.db import migrations, models


class Migration(migrations.Migration):
    """The birth date indexed: a search by one, or by a number's start, and the departments' age slices (birth-date
    ranges) read the whole table without it."""

    dependencies = [
        ('people', '0004_person_left'),
    ]

    operations = [
        migrations.AddIndex(
            model_name='person',
            index=models.Index(fields=['birth_date'], name='person_birth_date_idx'),
        ),
    ]
