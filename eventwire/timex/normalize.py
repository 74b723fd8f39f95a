"""Normalisers: from the pieces a pattern matched to a TIMEX3 type and value.

Each normaliser is registered under the name that ``patterns.yaml`` gives as ``rule``. It gets
the named groups of the match and a :class:`Context` (publication date, tense of the clause,
and what the parse says about the words around the match), and returns a :class:`Value`, or
None when the match turns out not to be a time expression or cannot be normalised.

Values are resolved against the publication date where the expression is relative to it
("last year", "Friday"); without a publication date they keep TIMEX3 placeholders
("XXXX-11-21", "XXXX-WXX-5") or, where nothing useful remains, are dropped.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from eventwire.timex import calendar as cal
from eventwire.timex.rules import Rules, Unit

Groups = dict[str, str | None]


@dataclass(frozen=True)
class Value:
    type: str
    value: str
    anchored: bool = False


@dataclass(frozen=True)
class Context:
    """What a normaliser may know beyond the matched words."""

    rules: Rules
    published: date | None
    tense: int = 0  # +1 future, 0 present or unknown, -1 past, -2 certainly past ("since")
    quarter_context: bool = False  # the story around the match reports quarterly results
    after_comparison: bool = False  # the word before is "from", "with", "than", ...
    rate_context: bool = False  # the words before read as an amount ("$5 a year")


Normaliser = Callable[[Groups, Context], Value | None]
NORMALISERS: dict[str, Normaliser] = {}


def normaliser(name: str) -> Callable[[Normaliser], Normaliser]:
    def register(function: Normaliser) -> Normaliser:
        NORMALISERS[name] = function
        return function

    return register


# ------------------------------------------------------------------ word lookups


def _key(word: str | None) -> str:
    return re.sub(r"\s+", " ", (word or "").lower()).rstrip(".")


def _month(groups: Groups, rules: Rules) -> int | None:
    if groups.get("monthnum"):
        return int(groups["monthnum"] or 0)
    return rules.months.get(_key(groups.get("month")))


def _day(text: str | None) -> int:
    return int(re.sub(r"\D", "", text or "0") or 0)


def _year(text: str | None) -> int | None:
    if not text:
        return None
    digits = int(text)
    if len(text) == 2:  # '98 -> 1998, '05 -> 2005
        return 2000 + digits if digits < 50 else 1900 + digits
    return digits


def _spelled_year(text: str | None, rules: Rules) -> int | None:
    """ "nineteen ninety-six" -> 1996, "two thousand and eight" -> 2008."""
    words = [w for w in re.split(r"[\s-]+", _key(text)) if w not in {"and", "oh"}]
    if len(words) >= 2 and words[:2] == ["two", "thousand"]:
        return 2000 + sum(rules.cardinals.get(w, 0) for w in words[2:])
    if len(words) >= 2 and words[0] in {"nineteen", "twenty"}:
        return rules.cardinals[words[0]] * 100 + sum(rules.cardinals.get(w, 0) for w in words[1:])
    return None


def _number(text: str | None, rules: Rules) -> float | None:
    """The value of "24", "2.5", "four", "twenty-four", "a couple of"."""
    key = _key(text)
    if not key:
        return None
    if re.fullmatch(r"\d+(?:\.\d+)?", key):
        return float(key)
    if key in rules.cardinals:
        return float(rules.cardinals[key])
    parts = re.split(r"[\s-]+", key)
    if all(p in rules.cardinals for p in parts):
        return float(sum(rules.cardinals[p] for p in parts))
    return None


def _amount(number: float) -> str:
    return str(int(number)) if number == int(number) else f"{number:g}"


def _unit(groups: Groups, rules: Rules) -> Unit | None:
    return rules.units.get(_key(groups.get("unit")))


def _direction(groups: Groups, rules: Rules, key: str = "dir") -> int | None:
    word = _key(groups.get(key))
    return rules.directions.get(word) if word else None


def _part_code(groups: Groups, rules: Rules) -> str | None:
    for key in ("part", "part1"):
        code = rules.parts_of_day.get(_key(groups.get(key)))
        if code:
            return code
    return None


def _with_part(day: str, part: str | None) -> Value:
    return Value("TIME", f"{day}T{part}", True) if part else Value("DATE", day, True)


# ------------------------------------------------------------------ calendar dates


@normaliser("calendar_date")
def calendar_date(groups: Groups, ctx: Context) -> Value | None:
    month = _month(groups, ctx.rules)
    day = _day(groups.get("day"))
    year = _year(groups.get("year"))
    if not month or not 1 <= day <= 31:
        return None
    if year is not None:
        return (
            Value("DATE", f"{year:04d}-{month:02d}-{day:02d}")
            if cal.valid_day(year, month, day)
            else None
        )
    if ctx.published is None:
        return Value("DATE", f"XXXX-{month:02d}-{day:02d}")
    year = cal.nearest_year_for_month(ctx.published, month, ctx.tense)
    if not cal.valid_day(year, month, day):
        return None
    return Value("DATE", f"{year:04d}-{month:02d}-{day:02d}", True)


@normaliser("calendar_month")
def calendar_month(groups: Groups, ctx: Context) -> Value | None:
    month = _month(groups, ctx.rules)
    if not month:
        return None
    year = _year(groups.get("year")) or _spelled_year(groups.get("yearwords"), ctx.rules)
    if year is not None:
        return Value("DATE", cal.month_value(year, month))
    if ctx.published is None:
        return Value("DATE", f"XXXX-{month:02d}")
    pub = ctx.published
    year_step = _direction(groups, ctx.rules, "ydir")
    step = _direction(groups, ctx.rules)
    if year_step is not None:
        year = pub.year + year_step
    elif step is not None and step < 0:  # "last May": the latest May before this month
        year = pub.year if month < pub.month else pub.year - 1
    elif step is not None and step > 0:  # "next March"
        year = pub.year if month > pub.month else pub.year + 1
    elif step == 0:  # "this September"
        year = pub.year
    else:
        year = cal.nearest_year_for_month(pub, month, ctx.tense)
    return Value("DATE", cal.month_value(year, month), True)


@normaliser("calendar_year")
def calendar_year(groups: Groups, ctx: Context) -> Value | None:
    year = _year(groups.get("year") or groups.get("yy"))
    year = year or _spelled_year(groups.get("yearwords"), ctx.rules)
    return Value("DATE", f"{year:04d}") if year else None


@normaliser("decade")
def decade(groups: Groups, ctx: Context) -> Value | None:
    if groups.get("decade"):
        return Value("DATE", (groups["decade"] or "")[:3])
    digit = ctx.rules.decade_words.get(_key(groups.get("decadeword")))
    if digit is not None:
        return Value("DATE", f"19{digit}")
    year = _year(groups.get("yy"))
    return Value("DATE", f"{year:04d}"[:3]) if year else None


@normaliser("century")
def century(groups: Groups, ctx: Context) -> Value | None:
    number = _day(groups.get("number")) or ctx.rules.ordinals.get(_key(groups.get("ordinal")), 0)
    return Value("DATE", f"{number - 1:02d}") if number else None


# ------------------------------------------------------------------ quarters, halves, seasons


@normaliser("quarter")
def quarter(groups: Groups, ctx: Context) -> Value | None:
    number = ctx.rules.quarter_ordinals.get(_key(groups.get("qord"))) or _day(groups.get("qnum"))
    if not number:
        return None
    year = _year(groups.get("year") or groups.get("year2"))
    if year is not None:
        return Value("DATE", f"{year:04d}-Q{number}")
    if ctx.published is None:
        return Value("DATE", f"XXXX-Q{number}")
    year = ctx.published.year + (_direction(groups, ctx.rules, "ydir") or 0)
    return Value("DATE", f"{year:04d}-Q{number}", True)


@normaliser("latest_quarter")
def latest_quarter(groups: Groups, ctx: Context) -> Value | None:
    """ "the latest quarter", "the quarter": the last quarter that has ended."""
    if ctx.published is None or groups.get("adj"):
        return None
    pub = ctx.published
    year, number = cal.shift_quarter(pub.year, cal.quarter_of(pub.month), -1)
    return Value("DATE", f"{year:04d}-Q{number}", True)


def _year_ago_quarter(pub: date, year: int | None = None) -> str:
    """The latest finished quarter, one year back (or in the given year)."""
    q_year, number = cal.shift_quarter(pub.year, cal.quarter_of(pub.month), -1)
    return f"{(year if year is not None else q_year - 1):04d}-Q{number}"


@normaliser("year_ago")
def year_ago(groups: Groups, ctx: Context) -> Value | None:
    """ "the year-earlier quarter", "year-ago", "the 1988 period": the same period a year back
    (or in the year named)."""
    year = _year(groups.get("year"))
    pub = ctx.published
    quarterly = _key(groups.get("period")) == "quarter" or ctx.quarter_context
    if pub is None:
        return Value("DATE", f"{year:04d}") if year is not None else None
    if quarterly:
        return Value("DATE", _year_ago_quarter(pub, year), True)
    if year is not None:
        return Value("DATE", f"{year:04d}")
    return Value("DATE", f"{pub.year - 1:04d}", True)


@normaliser("half_year")
def half_year(groups: Groups, ctx: Context) -> Value | None:
    number = 1 if _key(groups.get("hord")) == "first" else 2  # second, last
    year = _year(groups.get("year"))
    if year is not None:
        return Value("DATE", f"{year:04d}-H{number}")
    if ctx.published is None:
        return None
    year = ctx.published.year + (_direction(groups, ctx.rules, "ydir") or 0)
    return Value("DATE", f"{year:04d}-H{number}", True)


@normaliser("season")
def season(groups: Groups, ctx: Context) -> Value | None:
    code = ctx.rules.seasons.get(_key(groups.get("season") or groups.get("season2")))
    if not code:
        return None
    year = _year(groups.get("year"))
    if year is not None:
        return Value("DATE", f"{year:04d}-{code}")
    if ctx.published is None:
        return Value("DATE", f"XXXX-{code}")
    pub = ctx.published
    start = ctx.rules.season_months[code]
    step = _direction(groups, ctx.rules) or 0
    if step < 0:  # "last spring": the spring of last year, as TimeBank reads it
        year = pub.year - 1
    elif step > 0:
        year = pub.year if pub.month < start else pub.year + 1
    elif code == "WI" and pub.month < 3:  # January and February: the winter that began before
        year = pub.year - 1
    else:
        year = pub.year
    return Value("DATE", f"{year:04d}-{code}", True)


# ------------------------------------------------------------------ days and times of day


@normaliser("deictic_day")
def deictic_day(groups: Groups, ctx: Context) -> Value | None:
    if ctx.published is None:
        return None
    spec = ctx.rules.deictic_days.get(_key(groups.get("deictic")))
    if spec is None:
        return None
    day = cal.shift_days(ctx.published, int(spec["days"]))
    return _with_part(cal.day_value(day), _part_code(groups, ctx.rules) or spec.get("part"))


@normaliser("part_of_day")
def part_of_day(groups: Groups, ctx: Context) -> Value | None:
    """ "this morning", "last night", "tomorrow evening"."""
    if ctx.published is None:
        return None
    word = _key(groups.get("dir"))
    spec = ctx.rules.deictic_days.get(word)
    offset = int(spec["days"]) if spec else ctx.rules.directions.get(word, 0)
    day = cal.shift_days(ctx.published, offset)
    return _with_part(cal.day_value(day), _part_code(groups, ctx.rules))


def _resolve_weekday(weekday: int, step: int | None, ctx: Context) -> date | None:
    if ctx.published is None:
        return None
    if step is not None and step < 0:
        return cal.weekday_near(ctx.published, weekday, -1, same_day=False)
    if step is not None and step > 0:
        return cal.weekday_near(ctx.published, weekday, 1, same_day=False)
    direction = 1 if ctx.tense > 0 or (step == 0 and ctx.tense == 0) else -1
    return cal.weekday_near(ctx.published, weekday, direction)


@normaliser("weekday")
def weekday(groups: Groups, ctx: Context) -> Value | None:
    number = ctx.rules.weekdays.get(_key(groups.get("weekday")))
    if not number:
        return None
    part = _part_code(groups, ctx.rules)
    step = _direction(groups, ctx.rules)
    if "past" in _key(groups.get("dir")):  # "this past Sunday"
        step = -1
    day = _resolve_weekday(number, step, ctx)
    if day is None:
        value = f"XXXX-WXX-{number}"
        return Value("TIME", f"{value}T{part}") if part else Value("DATE", value)
    return _with_part(cal.day_value(day), part)


@normaliser("weekend")
def weekend(groups: Groups, ctx: Context) -> Value | None:
    if ctx.published is None:
        return Value("DATE", "XXXX-WXX-WE")
    step = _direction(groups, ctx.rules)
    forward = (step or 0) > 0 or ((step is None or step == 0) and ctx.tense > 0)
    saturday = cal.weekday_near(ctx.published, 6, 1 if forward else -1)
    if step is not None and step < 0 and ctx.published.isoweekday() >= 6:
        saturday = cal.shift_days(saturday, -7)
    return Value("DATE", f"{cal.week_value(saturday)}-WE", True)


@normaliser("clock_time")
def clock_time(groups: Groups, ctx: Context) -> Value | None:
    hour = int(groups.get("hour") or 0)
    minute = int(groups.get("minute") or 0)
    meridiem = _key(groups.get("ampm")).replace(".", "").replace(" ", "")
    if meridiem == "pm" and hour < 12:
        hour += 12
    elif meridiem == "am" and hour == 12:
        hour = 0
    clock = f"T{hour:02d}:{minute:02d}"
    day: str | None = None
    if groups.get("month"):
        found = calendar_date(groups, ctx)
        day = found.value if found else None
    elif groups.get("weekday"):
        found = weekday({"weekday": groups["weekday"]}, ctx)
        day = found.value if found else None
    elif groups.get("deictic"):
        found = deictic_day({"deictic": groups["deictic"]}, ctx)
        day = found.value if found else None
    elif ctx.published is not None:
        day = cal.day_value(ctx.published)
    if day is None:
        return Value("TIME", f"XXXX-XX-XX{clock}")
    return Value("TIME", f"{day}{clock}", ctx.published is not None and "X" not in day)


# ------------------------------------------------------------------ relative to publication


def _shift(pub: date, unit: Unit, amount: int) -> str | None:
    """The calendar value ``amount`` units from the publication date, at the unit's grain."""
    count = amount * unit.times
    if not 0 < pub.year + count * (1 if unit.letter == "Y" else 0) < 10000:
        return None
    grain = unit.granularity or "day"
    if grain == "day":
        return cal.day_value(cal.shift_days(pub, count))
    if grain == "week":
        return cal.week_value(cal.shift_days(pub, 7 * count))
    if grain == "month":
        return cal.month_value(*cal.shift_month(pub.year, pub.month, count))
    if grain == "quarter":
        year, number = cal.shift_quarter(pub.year, cal.quarter_of(pub.month), count)
        return f"{year:04d}-Q{number}"
    if unit.times == 10:
        return f"{pub.year // 10 + amount:03d}"
    if unit.times == 100:
        return f"{pub.year // 100 + amount:02d}"
    return f"{pub.year + count:04d}"


@normaliser("relative_unit")
def relative_unit(groups: Groups, ctx: Context) -> Value | None:
    """ "last year", "this week", "early next month", "the past year", "the next day"."""
    unit = _unit(groups, ctx.rules)
    step = _direction(groups, ctx.rules) if groups.get("dir") else 0  # "that year": 0
    if unit is None or step is None or ctx.published is None:
        return None
    if unit.name == "year" and step == -1 and ctx.quarter_context and ctx.after_comparison:
        return Value("DATE", _year_ago_quarter(ctx.published), True)
    value = _shift(ctx.published, unit, step)
    return Value("DATE", value, True) if value else None


@normaliser("counted_offset")
def counted_offset(groups: Groups, ctx: Context) -> Value | None:
    """ "two days ago", "a year earlier", "three weeks from now", "several years ago"."""
    unit = _unit(groups, ctx.rules)
    sign = ctx.rules.offsets.get(_key(groups.get("offset")), -1)
    if unit is None:
        return None
    if groups.get("vnum"):
        return Value("DATE", "PAST_REF" if sign < 0 else "FUTURE_REF")
    number = _number(groups.get("num"), ctx.rules)
    if number is None or ctx.published is None:
        return None
    amount = round(number) * sign
    if unit.clock:
        return Value("DATE", cal.day_value(ctx.published), True)
    if unit.name == "year" and amount == -1 and ctx.quarter_context:
        return Value("DATE", _year_ago_quarter(ctx.published), True)
    if unit.granularity == "year":  # "a decade ago" is a year, not a decade
        year = ctx.published.year + amount * unit.times
        return Value("DATE", f"{year:04d}", True) if 0 < year < 10000 else None
    value = _shift(ctx.published, unit, amount)
    return Value("DATE", value, True) if value else None


# ------------------------------------------------------------------ durations and sets


def _duration_value(number: float | None, unit: Unit) -> str:
    prefix = "PT" if unit.clock else "P"
    if number is None:
        return f"{prefix}X{unit.vague_letter or unit.letter}"
    return f"{prefix}{_amount(number * unit.times)}{unit.letter}"


@normaliser("duration")
def duration(groups: Groups, ctx: Context) -> Value | None:
    unit = _unit(groups, ctx.rules)
    if unit is None:
        return None
    if groups.get("vnum"):
        return Value("DURATION", _duration_value(None, unit))
    number = _number(groups.get("num"), ctx.rules)
    if number is None or number <= 0:
        return None
    single = _key(groups.get("num")) in {"a", "an", "one"}
    if single and ctx.rate_context and not groups.get("lead") and not groups.get("approx"):
        return Value("SET", _duration_value(1, unit))
    return Value("DURATION", _duration_value(number, unit))


@normaliser("bare_duration")
def bare_duration(groups: Groups, ctx: Context) -> Value | None:
    unit = _unit(groups, ctx.rules)
    return Value("DURATION", _duration_value(None, unit)) if unit else None


@normaliser("every")
def every(groups: Groups, ctx: Context) -> Value | None:
    rules = ctx.rules
    name = _key(groups.get("weekday"))
    if name:
        number = rules.weekdays.get(name) or rules.weekdays.get(name.removesuffix("s"))
        return Value("SET", f"XXXX-WXX-{number}") if number else None
    month = _month(groups, rules)
    if month:
        return Value("SET", f"XXXX-{month:02d}")
    unit = _unit(groups, rules)
    return Value("SET", _duration_value(1, unit)) if unit else None


@normaliser("set_adverb")
def set_adverb(groups: Groups, ctx: Context) -> Value | None:
    value = ctx.rules.set_adverbs.get(_key(groups.get("setadv")))
    return Value("SET", value) if value else None


@normaliser("vague")
def vague(groups: Groups, ctx: Context) -> Value | None:
    value = ctx.rules.vague.get(_key(groups.get("vague")))
    return Value("DATE", value) if value else None
