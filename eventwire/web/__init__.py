"""The web dashboard and HTTP API over a local store: ``eventwire serve``."""

from eventwire.web.app import create_app

__all__ = ["create_app"]
