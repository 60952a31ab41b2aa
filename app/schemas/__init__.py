"""Pydantic response and request models: what the API promises to clients.

They mirror the `graph_schema.model` dataclasses but name things for readers
(an actor reference carries its name, a location its chain), and they are the
source of the committed `openapi.json`.
"""
