"""The built-in stages. Importing this package registers them."""

from eventwire.stages import actors, attributions, events, ledger, places, timexes

__all__ = ["actors", "attributions", "events", "ledger", "places", "timexes"]
