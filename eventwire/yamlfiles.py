"""Reading YAML data files: with PyYAML's C parser where it has one.

The C parser builds the same values as the pure-Python one (the same safe constructor and
resolver run over its events) several times faster, which is most of the time it takes to
read the word lists and patterns when a process starts. Every YAML file eventwire reads goes
through :func:`load_yaml`.
"""

from __future__ import annotations

from typing import Any

import yaml

SAFE_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
BOOL_TAG = "tag:yaml.org,2002:bool"


class WordLoader(SAFE_LOADER):  # type: ignore[valid-type,misc]
    """A safe loader for word lists: "on", "off", "no" and "yes" stay words, not booleans."""


WordLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != BOOL_TAG]
    for first, resolvers in SAFE_LOADER.yaml_implicit_resolvers.items()
}


def load_yaml(text: str, words: bool = False) -> Any:
    """The value of a YAML document, built safely (no arbitrary objects).

    ``words=True`` reads every plain scalar that YAML 1.1 would take for a boolean as a word.
    """
    return yaml.load(text, Loader=WordLoader if words else SAFE_LOADER)
