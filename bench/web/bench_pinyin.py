"""Pinyin search at scale: each name's spelling worked out as it is written, and searches
through the indexed columns each person keeps.

    DATABASE_URL=... .venv/bin/python -m bench.web.bench_pinyin [N]

Adds N people with random Chinese names (default 20,000; two or three characters from common
family and given names, so many repeat as in a real workspace) to the database's first
customer inside a transaction that is rolled back at the end. Prints the time to spell the
names (the import's cost per name), and each query's time and number of ids (best 500).
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import time

FAMILY = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许"
    "韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢"
)
GIVEN = (
    "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏飞宇浩然轩晨阳博文雪梅海燕佳琪思远志"
)


class _RolledBack(Exception):
    pass


def main(n: int) -> None:
    """Spell `n` names, store them, and time the searches."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "guanxi.settings")
    import django

    django.setup()
    from django.db import transaction

    from guanxi.access.facade import pinyin_matches
    from guanxi.people.models import Organisation, Person
    from guanxi.people.pinyin import COLUMNS, spelled

    rng = random.Random(1)
    names = [
        rng.choice(FAMILY) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))
        for _ in range(n)
    ]
    start = time.perf_counter()
    spellings = [spelled(name) for name in names]
    spelling = time.perf_counter() - start
    try:
        with transaction.atomic():
            org = Organisation.objects.filter(kind="customer").order_by("pk").first()
            Person.objects.bulk_create(
                (
                    Person(
                        ext_id=f"bench-py-{i}",
                        organisation=org,
                        name=name,
                        **dict(zip(COLUMNS, spelt, strict=True)),
                    )
                    for i, (name, spelt) in enumerate(zip(names, spellings, strict=True))
                ),
                batch_size=5000,
            )
            for typed in ("li na", "wangfang", "ln", "zh", "wang"):
                times = []
                for _ in range(5):
                    started = time.perf_counter()
                    found = pinyin_matches(typed, most=500)
                    times.append(time.perf_counter() - started)
                print(
                    f"query {typed!r}: median {statistics.median(times) * 1000:.1f} ms, "
                    f"{len(found)} ids"
                )
            raise _RolledBack
    except _RolledBack:
        pass
    print(f"{n} names spelled in {spelling * 1000:.0f} ms (pypinyin, once per distinct name)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20_000)
