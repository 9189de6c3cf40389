from django.db import migrations, models

# Department users created before accounts had a department: those whose stated purpose is school enrolment are the
# education department's (the demo's edu_dept among them); any other reads only the figures until an administrator
# sets its department.
EDUCATION_WORDS = ("教育", "入学", "学籍", "school", "education", "enrolment", "enrollment")


def departments_from_purpose(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    for user in User.objects.filter(role="department", department=""):
        if any(word in user.purpose.lower() for word in EDUCATION_WORDS):
            User.objects.filter(pk=user.pk).update(department="education")


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0001_initial'),
    ]

    operations = [
        migrations.AddField(
            model_name='user',
            name='department',
            field=models.CharField(blank=True, choices=[('education', 'Education')], help_text='Department users: the department they work for, which decides what they may read.', max_length=16, verbose_name='department'),
        ),
        migrations.RunPython(departments_from_purpose, migrations.RunPython.noop),
    ]
