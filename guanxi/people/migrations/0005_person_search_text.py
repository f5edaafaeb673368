"""Each person's name and title kept case-folded for the search box (Person.search_text),
filled in for the people already stored; and an index for an id typed in any case."""

from django.db import migrations, models
from django.db.models.functions import Upper


def fold_everyone(apps, schema_editor):
    from guanxi.people.names import searchable

    people = apps.get_model("people", "Person").objects.using(schema_editor.connection.alias)
    rows = people.order_by("pk").values_list("pk", "name", "title").iterator(chunk_size=5000)
    batch = []
    for pk, name, title in rows:
        batch.append(people.model(pk=pk, search_text=searchable(name, title)))
        if len(batch) == 1000:
            people.bulk_update(batch, ["search_text"])
            batch = []
    if batch:
        people.bulk_update(batch, ["search_text"])


class Migration(migrations.Migration):
    dependencies = [("people", "0004_person_pinyin")]

    operations = [
        migrations.AddField(
            model_name="person",
            name="search_text",
            field=models.TextField(blank=True, default="", editable=False),
        ),
        migrations.AddIndex(
            model_name="person",
            index=models.Index(Upper("ext_id"), name="person_ext_id_upper"),
        ),
        migrations.RunPython(fold_everyone, migrations.RunPython.noop),
    ]
