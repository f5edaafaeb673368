"""Request and response schemas of the REST API (validation only; services write)."""
