"""Time expressions: recognition and TIMEX3 normalisation with data-driven rules.

- ``rules.py`` loads the word lists and patterns of ``eventwire/data/timex/``;
- ``recognize.py`` runs the patterns over a parsed document and checks them against the parse;
- ``normalize.py`` turns each match into a TIMEX3 type and value, resolved against the
  publication date;
- ``calendar.py`` holds the date arithmetic and :func:`event_date`.
"""

from eventwire.timex.calendar import event_date
from eventwire.timex.recognize import find_timexes

__all__ = ["event_date", "find_timexes"]
