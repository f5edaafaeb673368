"""REST API (django-ninja)."""
