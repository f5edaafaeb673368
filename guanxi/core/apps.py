from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "guanxi.core"
    label = "core"
    verbose_name = _("Workspace")

    def ready(self) -> None:
        """Register the production start checks (guanxi.core.checks)."""
        from guanxi.core import checks

        checks.register()
