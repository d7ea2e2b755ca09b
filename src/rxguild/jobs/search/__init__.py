"""Full-text search over published postings: one interface, a backend per database."""

from rxguild.jobs.search.base import SearchBackend, get_backend

__all__ = ["SearchBackend", "get_backend"]
