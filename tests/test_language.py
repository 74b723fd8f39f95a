"""Refusing text that is not English (E107) only when it is confidently another language."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventwire import errors
from eventwire.documents import check_text
from eventwire.language import other_language
from eventwire.options import Options

# Written for these tests: short English reports full of names, abbreviations and numbers, of
# the kinds wire notes and conflict reports are made of.
ENGLISH = [
    "Suspected ADF rebels ambushed FARDC troops near Beni, N. Kivu. Three dead.",
    "Gen. (Rtd) Okello Mwangi, ex-KDF chief, abducted on 03/05 along Nairobi-Thika Hwy.",
    "PM Narendra Modi hailed Indonesian President Prabowo Subianto's visit to New Delhi.",
    "Hamas, PIJ claim IDF shelled Khan Younis overnight; 12 killed (MoH Gaza).",
    "Mexican President Claudia Sheinbaum Pardo on Tuesday rejected US tariff threats.",
    "KAMPALA, Uganda — Riot police fired tear gas at Makerere University students.",
    "ZANU-PF youths beat MDC-A supporters in Chitungwiza. Several seriously injured.",
    "Brazil's Lula, Argentina's Milei, Chile's Boric meet at Mercosur summit in Montevideo.",
]

OTHER = {
    "french": "Le gouvernement a annoncé mardi que les négociations avec les syndicats "
    "reprendraient la semaine prochaine, après une grève qui a paralysé le pays.",
    "spanish": "El presidente se reunió el lunes con los líderes de la oposición para "
    "discutir la reforma, que ha provocado protestas en varias ciudades del país.",
    "german": "Die Regierung hat am Dienstag neue Sanktionen beschlossen, nachdem die "
    "Verhandlungen ohne Ergebnis zu Ende gegangen waren, teilte ein Sprecher mit.",
    "arabic": "أعلنت الحكومة يوم الثلاثاء عن استئناف المفاوضات بعد توقف دام عدة أشهر "
    "بسبب الخلافات حول الإصلاحات الاقتصادية.",
    "cjk": "外交部发言人周二表示，中方愿与各方加强沟通，"
    "推动地区局势尽快降温，并呼吁有关各方保持克制。",
    "cyrillic": "Министерство иностранных дел во вторник заявило, что переговоры будут "
    "продолжены на следующей неделе при посредничестве Турции.",
}


@pytest.mark.parametrize("text", ENGLISH)
def test_english_full_of_names_is_never_refused(text: str) -> None:
    assert other_language(text) is None
    assert check_text(text, Options(), []) is None


@pytest.mark.parametrize("language", sorted(OTHER))
def test_another_language_is_refused(language: str) -> None:
    guess = other_language(OTHER[language])
    assert guess is not None and guess.language == language
    problem = check_text(OTHER[language], Options(), [])
    assert problem is not None and problem[0] == errors.NOT_ENGLISH


def test_english_with_a_foreign_quotation_is_english() -> None:
    text = (
        "Protesters in Paris chanted 'le peuple est dans la rue' as police blocked the "
        "road to the National Assembly, where the government was expected to fall."
    )
    assert other_language(text) is None


def test_too_few_words_tell_no_language() -> None:
    assert other_language("Le gouvernement a démissionné.") is None


@pytest.mark.parametrize("name", ["acled_dev.json", "conflibert_dev.json"])
def test_no_english_dev_document_is_refused(name: str, shared_dir: Path) -> None:
    gold = json.loads((shared_dir / "data" / "events_more" / name).read_text(encoding="utf-8"))
    refused = [d["id"] for d in gold["documents"] if other_language(d["text"]) is not None]
    assert refused == []
