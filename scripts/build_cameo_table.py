"""Build eventwire/data/cameo/codes.tsv from the CAMEO codebook and the CAMEO-to-PLOVER table.

    python scripts/build_cameo_table.py ../shared/data > eventwire/data/cameo/codes.tsv

Codes: CAMEO codebook (andybega/icews, MIT). PLOVER type, mode and context: CAMEO2PLOVER-2021
(openeventdata/PLOVER, CC BY-SA 4.0). PLOVER drops CAMEO 01 and 02; those rows have no type.
"""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

PLOVER_LINE = re.compile(r"^\s*(\d{2,4}):\s*([^#]*)")


def quad_class(root: int) -> int:
    """CAMEO quad classes: verbal and material cooperation, verbal and material conflict."""
    return 1 if root <= 5 else 2 if root <= 8 else 3 if root <= 13 else 4


def plover_table(path: Path) -> dict[str, tuple[str, str, str]]:
    table: dict[str, tuple[str, str, str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        match = PLOVER_LINE.match(line)
        if not match:
            continue
        fields = [f.strip() for f in match.group(2).split(",")] + ["", ""]
        table.setdefault(match.group(1), (fields[0], fields[1], fields[2].replace(" ", "")))
    return table


def main(data: Path) -> None:
    plover = plover_table(data / "plover" / "CAMEO2PLOVER-2021.txt")
    out = csv.writer(sys.stdout, delimiter="\t", lineterminator="\n")
    out.writerow(
        [
            "code",
            "root",
            "name",
            "goldstein",
            "quad_class",
            "plover",
            "plover_mode",
            "plover_context",
            "description",
        ]
    )
    with (data / "cameo" / "cameo_event_codes.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            code = row["code"]
            if len(code) == 2:
                continue  # the root headings repeat their 0-suffixed code
            kind, mode, context = plover.get(code) or plover.get(code[:3]) or ("", "", "")
            if code[:2] in ("01", "02"):
                kind = mode = context = ""
            out.writerow(
                [
                    code,
                    code[:2],
                    row["name"],
                    row["goldstein"],
                    quad_class(int(code[:2])),
                    kind,
                    mode,
                    context,
                    " ".join(row["description"].split()),
                ]
            )


if __name__ == "__main__":
    main(Path(sys.argv[1]))
