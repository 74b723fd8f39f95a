"""Reading the package's YAML data files: with PyYAML's C parser where it has one.

The C parser builds the same values as the pure-Python one (the same safe constructor and
resolver run over its events) several times faster, which is most of the time it takes to
read the word lists and patterns when a process starts.
"""

from __future__ import annotations

from typing import Any

import yaml

SAFE_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(text: str) -> Any:
    """The value of a YAML document, built safely (no arbitrary objects)."""
    return yaml.load(text, Loader=SAFE_LOADER)
