"""Build eventwire/data/actors/phoenix-actors.tsv.gz, the fallback actor table.

    .venv/bin/python scripts/build_phoenix_actors.py ../shared/data/petrarch \
        eventwire/data/actors/phoenix-actors.tsv.gz

How the table is made, step by step:
1. The three Phoenix actor dictionaries of PETRARCH2 (openeventdata/petrarch2, MIT, last
   updated 2019) -- Countries, International, MilNonState, in that order -- are read with
   the importer of `eventwire dict import` (`import_petrarch_actors`): entries, `+` aliases,
   dated codes; malformed lines are skipped as that importer reports them.
2. `fallback_lines` (eventwire/actors/dictionaries.py) turns the entries into rows: states
   are left out (the country table has them, and Phoenix lists cities among their aliases);
   codes keep their state and first sector, non-state actors their kind (IGO, NGO, MNC,
   IMG); East Timor's old code TMP becomes TLS; a sector without a state ("[ELI]") takes
   the state of the entry's other roles or is dropped; "(ACRONYM)" in a name becomes an
   alias.
3. Names are kept as lookup keys unless they are shorter than four letters (acronyms: three),
   a single English word (the word lists of the spaCy English model's lemmatizer, and its
   stop words), or the name, adjective or capital of a state. A name held by entries of
   different states is dropped; among entries of the same states the first keeps it.
4. A person may be found by the last word of their name alone only where no other person of
   the table has that last name and it passes the same checks.

The output is deterministic (gzip with a fixed timestamp); tests check that the shipped file
is what this script gives.
"""

from __future__ import annotations

import sys
from pathlib import Path

from eventwire.actors.dictionaries import (
    PHOENIX_FILES,
    ImportReport,
    fallback_lines,
    import_petrarch_actors,
    write_fallback,
)

HEADER = (
    "# Fallback actors derived from the Phoenix actor dictionaries of PETRARCH2\n"
    "# (openeventdata/petrarch2, MIT licence, Open Event Data Alliance), facts up to 2019.\n"
    "# Built by scripts/build_phoenix_actors.py; do not edit by hand.\n"
    "# name<TAB>kind<TAB>roles (CODE or CODE@YYYYMMDD-YYYYMMDD)<TAB>keys<TAB>surnames\n"
)


def english_words() -> frozenset[str]:
    """Lower-case English words: the spaCy English model's lemmatizer word lists and its
    stop words."""
    from eventwire.nlp import load_model

    nlp = load_model()
    words = set(nlp.Defaults.stop_words)
    lemmatizer = nlp.get_pipe("lemmatizer")
    tables = lemmatizer.lookups  # type: ignore[attr-defined]
    if "lemma_index" in tables.tables:
        for listed in tables.get_table("lemma_index").values():
            words.update(w.lower() for w in listed)
    return frozenset(words)


def build(folder: Path) -> tuple[bytes, ImportReport]:
    """The gzip bytes of the table from the Phoenix files in a folder."""
    report = ImportReport()
    items = []
    for name in PHOENIX_FILES:
        items += import_petrarch_actors(folder / name, report)
    return write_fallback(fallback_lines(items, english_words()), HEADER), report


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    data, report = build(Path(argv[0]))
    Path(argv[1]).write_bytes(data)
    print(
        f"{report.actors} entries read, {len(report.errors)} lines skipped; "
        f"{len(data)} bytes written to {argv[1]}",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
