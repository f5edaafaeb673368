"""An index for one subject's history (its trend): the account and key-person pages read it."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0003_data_change"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="snapshot",
            index=models.Index(fields=["subject_id", "metric", "date"], name="snapshot_history"),
        ),
    ]
