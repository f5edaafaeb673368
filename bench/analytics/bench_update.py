"""A worker's warm model after a write: brought up to date in place, against a fresh build.

    DATABASE_URL=... python -m bench.analytics.bench_update [--account cust5] [--rounds 10]

In-process on the workspace of DATABASE_URL (for instance the 1.09M-tie generated one,
`bench/import/generate.py` imported with `guanxi import`). Each round records a relationship
of one of ours with a person of the account through the services (as a page or the API
does), then times: bringing the warm model to the new version, the first account view, the
first company view; and, for comparison, a fresh build of the same data from the stored
row copy. Prints medians (ms). The writes are rolled back at the end.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--account", default="cust5")
    parser.add_argument("--rounds", type=int, default=10)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "guanxi.settings")
    import django

    django.setup()
    from django.db import transaction

    from guanxi.analytics import account_view, company_view, person_view
    from guanxi.people import services
    from guanxi.people.models import Person
    from guanxi.scoring import engine

    started = time.perf_counter()
    ws = engine.current_workspace()
    print(f"first model (cold): {time.perf_counter() - started:.2f} s")
    ours = Person.objects.filter(organisation__kind="own", status="active").order_by("pk")[3]
    them = Person.objects.filter(organisation__ext_id=args.account).order_by("pk")[7]
    account_view(ws, args.account)
    company_view(ws)
    person_view(ws, them.ext_id)  # with its best paths (the path index)
    times: dict[str, list[float]] = {
        "warm account view": [],
        "the write (services, one transaction)": [],
        "model brought up to date": [],
        "first account view after": [],
        "first company view after": [],
        "first key-person view after (best paths)": [],
        "fresh build from the row copy (for comparison)": [],
    }

    def timed(name: str, work):
        started = time.perf_counter()
        value = work()
        times[name].append((time.perf_counter() - started) * 1000)
        return value

    with transaction.atomic():
        for round_ in range(args.rounds):
            timed(
                "warm account view", lambda: account_view(engine.current_workspace(), args.account)
            )
            timed(
                "the write (services, one transaction)",
                lambda r=round_: services.record_tie(
                    source=ours, target=them, kind="relationship", strength=30 + r, actor="bench"
                ),
            )
            ws = timed("model brought up to date", engine.current_workspace)
            timed("first account view after", lambda w=ws: account_view(w, args.account))
            timed("first company view after", lambda w=ws: company_view(w))
            timed(
                "first key-person view after (best paths)",
                lambda w=ws: person_view(w, them.ext_id),
            )
        version = engine.warm_version()
        for _ in range(3):
            timed(
                "fresh build from the row copy (for comparison)",
                lambda: engine.build_from_database(version=version),
            )
        transaction.set_rollback(True)
    for name, values in times.items():
        print(f"{name:48} median {statistics.median(values):8.1f} ms")
    print(f"fresh builds in this process: {engine.fresh_builds()} (the first model only)")


if __name__ == "__main__":
    main()
