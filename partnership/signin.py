"""Hooks that make sign-in throttling count people, not spellings of their address."""

from django.http import HttpRequest


def throttled_username(request: HttpRequest, credentials: dict | None = None) -> str:
    """The email being tried, lowercased, so "Lead@X" and "lead@x" share one failure count."""
    source = credentials if credentials else request.POST
    return (source.get("username") or "").strip().lower()
