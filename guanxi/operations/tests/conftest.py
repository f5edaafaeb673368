"""The API tests' fixtures (demo workspace once per module, token clients) for this app."""

from guanxi.api.tests.conftest import Api, anonymous, as_user, demo_db

__all__ = ["Api", "anonymous", "as_user", "demo_db"]
