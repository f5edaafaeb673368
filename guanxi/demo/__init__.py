"""The demo workspace: a realistic, deterministic company, its customers and competitors.

- `build_demo(today)` (guanxi.demo.build): the workspace as interchange CSV files, no database.
- `load_demo(today=..., reset=..., actor=...)` (guanxi.demo.load): load it through the
  interchange importer, with the demo users; `guanxi demo [--reset]` calls it.

The cast is in guanxi.demo.catalog, the story (hand-written ties and deals) in
guanxi.demo.story, the generated org charts in guanxi.demo.orgchart.
"""

from guanxi.demo.build import build_demo

__all__ = ["build_demo"]
