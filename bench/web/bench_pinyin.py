"""Pinyin search at scale: the per-version list of Chinese names and one search over it.

    .venv/bin/python -m bench.web.bench_pinyin [N]

N random Chinese names (default 20,000; two or three characters from common family and given
names, so many repeat as in a real workspace). Prints the first build (pinyin computed), the
full rebuild at a new data version (each distinct name's pinyin already known), the update
after a write that touched one person (what search does between writes), and queries.
"""

from __future__ import annotations

import random
import sys
import time

from guanxi.people import pinyin

FAMILY = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许"
    "韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢"
)
GIVEN = (
    "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏飞宇浩然轩晨阳博文雪梅海燕佳琪思远志"
)


def main(n: int) -> None:
    """Time the index build, its rebuild and two queries for `n` names."""
    rng = random.Random(1)
    names = tuple(
        (
            i,
            f"p{i}",
            rng.choice(FAMILY) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2)))),
        )
        for i in range(n)
    )
    start = time.perf_counter()
    index = pinyin.chinese_names(1, lambda: iter(names))
    first = time.perf_counter() - start
    start = time.perf_counter()
    index = pinyin.chinese_names(2, lambda: iter(names))
    again = time.perf_counter() - start
    start = time.perf_counter()
    index = pinyin.chinese_names(
        3,
        lambda: iter(names),
        changed=lambda since, until: [7],
        rows_for=lambda keys: [names[k] for k in keys],
    )
    update = time.perf_counter() - start
    for typed in ("li na", "wangfang", "ln"):
        start = time.perf_counter()
        found = pinyin.matching_ids(index, typed, most=500)
        took = time.perf_counter() - start
        print(f"query {typed!r}: {took * 1000:.1f} ms, {len(found)} ids")
    print(
        f"{n} names: first build {first * 1000:.0f} ms, full rebuild {again * 1000:.0f} ms, "
        f"after a write touching one person {update * 1000:.1f} ms"
    )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20_000)
