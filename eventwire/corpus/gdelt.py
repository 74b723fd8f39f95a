"""Rows in the GDELT 2.0 event table layout (61 tab-separated columns, no header)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any, TextIO

ACTOR = (
    "Code",
    "Name",
    "CountryCode",
    "KnownGroupCode",
    "EthnicCode",
    "Religion1Code",
    "Religion2Code",
    "Type1Code",
    "Type2Code",
    "Type3Code",
)
GEO = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")
COLUMNS = (
    ["GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate"]
    + [f"Actor1{c}" for c in ACTOR]
    + [f"Actor2{c}" for c in ACTOR]
    + [
        "IsRootEvent",
        "EventCode",
        "EventBaseCode",
        "EventRootCode",
        "QuadClass",
        "GoldsteinScale",
        "NumMentions",
        "NumSources",
        "NumArticles",
        "AvgTone",
    ]
    + [f"Actor1Geo_{c}" for c in GEO]
    + [f"Actor2Geo_{c}" for c in GEO]
    + [f"ActionGeo_{c}" for c in GEO]
    + ["DATEADDED", "SOURCEURL"]
)
GEO_TYPES = {"country": 1, "city": 4, "region": 5, "feature": 5}


def gdelt_row(record: dict[str, Any]) -> list[str]:
    """One incident or event record (from exports.rows) as GDELT columns."""
    day = best_day(record)
    values: dict[str, Any] = {
        "GLOBALEVENTID": record["id"],
        "SQLDATE": day.strftime("%Y%m%d") if day else "",
        "MonthYear": day.strftime("%Y%m") if day else "",
        "Year": day.year if day else "",
        "FractionDate": f"{day.year + (day.timetuple().tm_yday - 1) / 365:.4f}" if day else "",
        "IsRootEvent": 1,
        "EventCode": record["cameo"],
        "EventBaseCode": record["cameo"][:3],
        "EventRootCode": record["cameo"][:2],
        "QuadClass": record.get("quad_class") or "",
        "GoldsteinScale": record.get("goldstein") if record.get("goldstein") is not None else "",
        "NumMentions": record.get("mentions", 1),
        "NumSources": record.get("outlets", 1),
        "NumArticles": record.get("articles", 1),
        "DATEADDED": added(record),
        "SOURCEURL": record.get("url") or "",
    }
    for n, side in ((1, "source"), (2, "target")):
        code = record.get(f"{side}_code") or ""
        values[f"Actor{n}Code"] = code
        values[f"Actor{n}Name"] = (record.get(f"{side}_name") or "").upper()
        values[f"Actor{n}CountryCode"] = record.get(f"{side}_country") or code[:3]
        values[f"Actor{n}Type1Code"] = code[3:6]
    if record.get("place"):
        values.update(
            {
                "ActionGeo_Type": GEO_TYPES.get(record.get("place_kind") or "city", 4),
                "ActionGeo_FullName": record["place"],
                "ActionGeo_CountryCode": record.get("place_country") or "",
                "ActionGeo_Lat": record.get("lat") or "",
                "ActionGeo_Long": record.get("lon") or "",
            }
        )
    return [clean(values.get(c, "")) for c in COLUMNS]


def best_day(record: dict[str, Any]) -> date | None:
    for key in ("date", "first_report", "published"):
        value = record.get(key)
        if value and len(value) >= 10:
            try:
                return date.fromisoformat(value[:10])
            except ValueError:
                continue
    return None


def added(record: dict[str, Any]) -> str:
    value = record.get("published") or record.get("last_report") or ""
    return value[:10].replace("-", "") + "000000" if len(value) >= 10 else ""


def clean(value: Any) -> str:
    return str(value).replace("\t", " ").replace("\n", " ")


def write_gdelt(records: Iterable[dict[str, Any]], out: TextIO) -> int:
    count = 0
    for record in records:
        out.write("\t".join(gdelt_row(record)) + "\n")
        count += 1
    return count
