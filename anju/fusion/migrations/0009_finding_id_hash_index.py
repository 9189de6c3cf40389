from django.db import migrations, models


class Migration(migrations.Migration):
    """The findings about a person by the number's blind index (selectors._about): the person page read every finding
    of the jurisdiction without it."""

    dependencies = [
        ('fusion', '0008_residence_contradicted'),
    ]

    operations = [
        migrations.AddIndex(
            model_name='finding',
            index=models.Index(fields=['id_hash'], name='fusion_finding_id_hash'),
        ),
    ]
