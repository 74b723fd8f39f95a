"""User dictionaries over the built-in knowledge base, and the PETRARCH/TABARI importer."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from eventwire.actors.dictionaries import (
    ImportReport,
    import_petrarch,
    import_petrarch_actors,
    import_petrarch_agents,
    parse_dictionary,
    petrarch_date,
    petrarch_name,
    read_dictionary,
    split_code,
)
from eventwire.actors.kb import load_kb
from eventwire.cli import main
from eventwire.errors import EventwireError

USER_YAML = """
people:
  - name: Edmundo González
    roles: [{code: VENGOV, start: 2026-01-10, title: President}]
  - name: Ana Example
    gender: f
    aliases: [Ana B. Example]
    roles:
      - {code: ESPGOVLEG, start: 2020-01-01}
media:
  - {name: El Diario Inventado, code: ESPMED}
aliases:
  El Comandante: nicolas-maduro
agents:
  harbour master: GOV
  spokesman: MED
remove: [Tren de Aragua]
"""


@pytest.fixture()
def user_kb(tmp_path: Path):
    path = tmp_path / "mine.yaml"
    path.write_text(USER_YAML, encoding="utf-8")
    return load_kb([path])


def test_user_dictionary_recodes_an_actor_and_keeps_its_aliases(user_kb) -> None:
    entry = user_kb.lookup("Edmundo González Urrutia")  # a built-in alias survives
    assert entry.name == "Edmundo González"
    assert user_kb.entity(entry, date(2026, 2, 1)).code == "VENGOV"
    assert user_kb.role_on(entry, date(2025, 1, 1)) is None  # the roles were replaced


def test_user_dictionary_adds_entries_aliases_agents_and_removals(user_kb) -> None:
    ana = user_kb.lookup("Ana B. Example")
    assert ana.gender == "f" and ana.kind == "person"
    assert user_kb.entity(ana, date(2024, 1, 1)).sector == "GOV"
    assert user_kb.lookup("El Diario Inventado").kind == "media"
    assert user_kb.lookup("El Comandante").name == "Nicolás Maduro"
    assert user_kb.sector("harbour masters") == "GOV"
    assert user_kb.sector("spokesman") == "MED"
    assert user_kb.lookup("Tren de Aragua") is None


def test_user_dictionary_leaves_the_builtin_kb_alone(user_kb) -> None:
    builtin = load_kb()
    assert builtin is not user_kb
    assert builtin.lookup("Ana Example") is None
    assert builtin.lookup("Tren de Aragua") is not None
    assert builtin.entity(builtin.lookup("Edmundo González"), date(2026, 2, 1)).code == "VENOPP"


def test_override_by_key(tmp_path: Path) -> None:
    path = tmp_path / "k.yaml"
    path.write_text(
        "people:\n  - {key: donald-trump, name: Donald J. Trump, code: USAELI}\n", encoding="utf-8"
    )
    kb = load_kb([path])
    entry = kb.lookup("Donald Trump")  # the old name became an alias
    assert entry.name == "Donald J. Trump" and kb.entity(entry, date(2025, 6, 1)).code == "USAELI"
    assert entry.gender == "m"


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("people: [{aliases: [X]}]", "needs at least a `name`"),
        ("people: [{name: X, roles: [{start: 2020-01-01}]}]", "a role needs a `code`"),
        ("people: [{name: X, roles: [{code: USAGOV, start: soon}]}]", "bad date"),
        ("people: [{name: X, kind: planet}]", "unknown kind"),
        ("persons: []", "unknown section"),
        ("people: [unclosed", "not valid YAML"),
    ],
)
def test_bad_dictionaries_give_clear_errors(text: str, fragment: str) -> None:
    with pytest.raises(EventwireError) as info:
        parse_dictionary(text, "mine.yaml")
    assert fragment in str(info.value) and "mine.yaml" in str(info.value)


def test_missing_dictionary_file(tmp_path: Path) -> None:
    with pytest.raises(EventwireError, match="cannot read"):
        read_dictionary(tmp_path / "absent.yaml")


def test_split_code() -> None:
    assert split_code("USAGOVLEG") == ("USA", "GOV")
    assert split_code("VENOPP") == ("VEN", "OPP")
    assert split_code("IGO") == ("IGO", None)
    assert split_code("NGOHRI") == ("NGO", "HRI")
    assert split_code("GOV") == (None, "GOV")


def test_petrarch_names_and_dates() -> None:
    assert petrarch_name("UNITED_STATES_OF_AMERICA_") == "United States of America"
    assert petrarch_name("U.N._") == "U.N."
    assert petrarch_name("US_PRESIDENT_BARACK_OBAMA") == "US President Barack Obama"
    assert petrarch_date("170120") == date(2017, 1, 20)
    assert petrarch_date("780101") == date(1978, 1, 1)
    assert petrarch_date("19060101") == date(1906, 1, 1)
    with pytest.raises(ValueError):
        petrarch_date("2004017")


SAMPLE_ACTORS = """# a comment
JANE_DOE_   # someone
+MS_DOE
+J._DOE_
\t[FRAGOV 100101-150101]
\t[FRAELI >150102]
ACME_FRONT_ [FRAREB] # inline code
BAD_ENTRY [USAGOV 2004017-20061201]
\t[USAGOV <991231]
+ORPHAN_ALIAS
JOHN_ROE
JOHNNY_ROE
\t[GBRGOV]
\tno brackets here
NOBODY_WITHOUT_CODE
"""


def test_import_actor_file_with_malformed_lines(tmp_path: Path) -> None:
    path = tmp_path / "sample.actors.txt"
    path.write_text(SAMPLE_ACTORS, encoding="utf-8")
    report = ImportReport()
    items = {i["name"]: i for i in import_petrarch_actors(path, report)}
    jane = items["Jane Doe"]
    assert jane["aliases"] == ["Ms Doe", "J. Doe"]
    assert jane["roles"] == [
        {"code": "FRAGOV", "start": date(2010, 1, 1), "end": date(2015, 1, 1)},
        {"code": "FRAELI", "start": date(2015, 1, 2)},
    ]
    assert items["Acme Front"]["roles"] == [{"code": "FRAREB"}]
    assert items["Acme Front"]["kind"] == "organisation"
    assert items["John Roe"]["roles"] == items["Johnny Roe"]["roles"] == [{"code": "GBRGOV"}]
    assert items["Bad Entry"]["roles"] == [{"code": "USAGOV", "end": date(1999, 12, 31)}]
    assert "Nobody Without Code" not in items
    assert len(report.errors) == 3
    assert any(e.startswith(f"{path}:8: bad date") for e in report.errors)
    assert any(e.startswith(f"{path}:14: indented line") for e in report.errors)
    assert any("Nobody Without Code" in e for e in report.errors)


def test_import_agent_file(tmp_path: Path) -> None:
    path = tmp_path / "agents.txt"
    path.write_text(
        "!PERSON! = MAN, WOMAN\n!MINIST! = MINISTER, MINISTRY\n"
        "HARBOUR!PERSON! [~GOV]\n!MINIST!_OF_FISH {} [~GOVAGR]\n"
        "CHAMBER_OF_TRADE {CHAMBERS_OF_TRADE} [~BUS]\nBROKEN [~ENV}\n"
        "BLUE_HELMET [IGO~]\n!NOPE!_THING [~GOV]\n",
        encoding="utf-8",
    )
    report = ImportReport()
    agents = import_petrarch_agents(path, report)
    assert agents["harbourman"] == agents["harbourwoman"] == "GOV"
    assert agents["minister of fish"] == agents["ministry of fish"] == "GOVAGR"
    assert agents["chambers of trade"] == "BUS"
    assert agents["blue helmet"] == "IGO~"
    assert "broken" not in agents
    assert len(report.errors) == 2 and report.agents == 4


@pytest.fixture(scope="module")
def petrarch(shared_dir: Path) -> Path:
    folder = shared_dir / "data" / "petrarch"
    if not (folder / "Phoenix.Countries.actors.txt").is_file():
        pytest.skip("the Phoenix dictionaries are not in ../shared/data/petrarch")
    return folder


def test_import_real_phoenix_country_actors(petrarch: Path) -> None:
    report = ImportReport()
    items = import_petrarch_actors(petrarch / "Phoenix.Countries.actors.txt", report)
    assert report.actors == len(items) > 10_000
    obama = next(i for i in items if i["name"] == "Barack Obama")
    assert {"code": "USAGOV", "start": date(2009, 1, 20)} in obama["roles"]
    assert "President Barack Obama" in obama["aliases"]
    usa = next(i for i in items if i["name"] == "United States of America")
    assert usa["kind"] == "state" and usa["roles"] == [{"code": "USA"}]
    assert report.errors and all(":" in e for e in report.errors)


def test_import_real_phoenix_agents(petrarch: Path) -> None:
    report = ImportReport()
    agents = import_petrarch_agents(petrarch / "Phoenix.agents.txt", report)
    assert report.agents > 2000
    assert agents["minister"] == "GOV" and agents["ministers"] == "GOV"
    assert agents["soldier"] == "MIL" and agents["lawmaker"] == "LEG"


def test_import_command_writes_a_loadable_dictionary(
    petrarch: Path, tmp_path: Path, capsys
) -> None:
    out = tmp_path / "milnonstate.yaml"
    code = main(
        [
            "dict",
            "import",
            str(petrarch / "Phoenix.MilNonState.actors.txt"),
            "-o",
            str(out),
            "--quiet",
        ]
    )
    assert code == 0
    assert "actor entries" in capsys.readouterr().err
    parsed = read_dictionary(out)
    assert len(parsed.entries) > 500
    kb = load_kb([out])
    farc = kb.lookup("Revolutionary Armed Forces of Colombia")
    assert kb.entity(farc, date(2010, 1, 1)).country == "COL"


def test_import_and_check_commands_report_problems(tmp_path: Path, capsys) -> None:
    src = tmp_path / "sample.actors.txt"
    src.write_text(SAMPLE_ACTORS, encoding="utf-8")
    out = tmp_path / "sample.yaml"
    assert main(["dict", "import", str(src), "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert f"{src}:8: bad date" in err and "3 problems skipped" in err
    assert main(["dict", "check", str(out)]) == 0
    assert "entries" in capsys.readouterr().out
    data = import_petrarch([src], ImportReport())
    assert {i["name"] for i in data["people"]} >= {"Jane Doe", "John Roe"}
