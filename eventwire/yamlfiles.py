"""Reading YAML data files: with PyYAML's C parser where it has one.

The C parser builds the same values as the pure-Python one (the same safe constructor and
resolver run over its events) several times faster, which is most of the time it takes to
read the word lists and patterns when a process starts. Every YAML file eventwire reads goes
through :func:`load_yaml`.

Even the C parser spends a good part of a second on the knowledge base's YAML, in every process
that starts. So the value built from a text is kept, as a pickle named by a hash of the text,
in a cache folder: ``$EVENTWIRE_CACHE_DIR``, else ``$XDG_CACHE_HOME/eventwire``, else
``~/.cache/eventwire``. A changed file has another hash and is parsed anew; an empty
``EVENTWIRE_CACHE_DIR`` turns the cache off, and a folder that cannot be written only means
that nothing is kept.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from pathlib import Path
from typing import Any

import yaml

CACHE_ENV = "EVENTWIRE_CACHE_DIR"
CACHE_FORMAT = f"1-{yaml.__version__}"  # a new PyYAML may build other values

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
    key = hashlib.sha256(f"{CACHE_FORMAT}:{words}:{text}".encode()).hexdigest()
    folder = cache_folder()
    path = folder / f"{key}.pickle" if folder is not None else None
    if path is not None and path.is_file():
        try:
            return pickle.loads(path.read_bytes())
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
            pass  # a damaged entry is parsed again and rewritten
    value = yaml.load(text, Loader=WordLoader if words else SAFE_LOADER)
    if path is not None:
        keep(path, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
    return value


def cache_folder() -> Path | None:
    """Where parsed YAML is kept, or None when the cache is off."""
    configured = os.environ.get(CACHE_ENV)
    if configured is not None:
        return Path(configured) / "yaml" if configured else None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "eventwire" / "yaml"


def keep(path: Path, data: bytes) -> None:
    """Write a cache entry whole (through a temporary file), or not at all."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, delete=False) as handle:
            handle.write(data)
        os.replace(handle.name, path)
    except OSError:
        pass
