"""Connectors: Salesforce, LinkedIn, vCard, iCalendar and mail brought in as interchange plans.

Each source module turns its files into a `Bundle` of interchange rows (with the file and line
every row came from); `services.import_source` checks and applies it all-or-nothing through
the interchange import, and keeps the external ids, extra e-mail addresses and uncertain
matches in this app's own tables.
"""
