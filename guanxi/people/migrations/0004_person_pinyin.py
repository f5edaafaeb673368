"""Each person's name pinyin kept on the record (guanxi.people.pinyin.Spelling), indexed,
and filled in for the people already stored."""

from django.db import migrations, models

COLUMNS = ("pinyin_key", "pinyin_start", "pinyin_family", "pinyin_given", "pinyin_initials")


def spell_everyone(apps, schema_editor):
    from guanxi.people.pinyin import spelled

    people = apps.get_model("people", "Person").objects.using(schema_editor.connection.alias)
    # people of the same name are written together (one statement per name and chunk)
    by_spelling: dict[tuple[str, ...], list[int]] = {}
    for pk, name in people.order_by("pk").values_list("pk", "name").iterator(chunk_size=5000):
        spelling = spelled(name)
        if spelling.key:
            by_spelling.setdefault(tuple(spelling), []).append(pk)
    for spelling, keys in by_spelling.items():
        for at in range(0, len(keys), 500):
            people.filter(pk__in=keys[at : at + 500]).update(
                **dict(zip(COLUMNS, spelling, strict=True))
            )


class Migration(migrations.Migration):
    dependencies = [("people", "0003_tie_provenance")]

    operations = [
        *(
            migrations.AddField(
                model_name="person",
                name=column,
                field=models.CharField(blank=True, default="", editable=False, max_length=600),
            )
            for column in COLUMNS
        ),
        *(
            migrations.AddIndex(
                model_name="person",
                index=models.Index(fields=[column, "ext_id"], name=f"person_{column}"),
            )
            for column in COLUMNS
        ),
        migrations.RunPython(spell_everyone, migrations.RunPython.noop),
    ]
