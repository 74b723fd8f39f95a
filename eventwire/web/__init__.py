"""The web dashboard and HTTP API over a local store: ``eventwire serve``.

The application is imported on first use, so that commands which only read the web's
parameter tables (``eventwire export``) do not load the web framework.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from eventwire.web.app import create_app

__all__ = ["create_app"]


def __getattr__(name: str) -> Any:
    if name == "create_app":
        from eventwire.web.app import create_app

        return create_app
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
