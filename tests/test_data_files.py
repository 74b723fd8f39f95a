"""The shipped YAML data files: a key written twice in one mapping silently loses one of its
values, so no mapping may repeat a key."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

DATA = Path(__file__).resolve().parent.parent / "eventwire" / "data"
FILES = sorted(DATA.rglob("*.yaml"))


def repeated_keys(node: yaml.Node) -> list[str]:
    """Keys that a mapping of this node tree holds more than once, with their lines."""
    found: list[str] = []
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode):
                if key.value in seen:
                    found.append(f"{key.value} (line {key.start_mark.line + 1})")
                seen.add(key.value)
            found += repeated_keys(value)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            found += repeated_keys(item)
    return found


def test_there_are_data_files() -> None:
    assert len(FILES) > 5


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(DATA)))
def test_no_mapping_repeats_a_key(path: Path) -> None:
    node = yaml.compose(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    assert node is None or not repeated_keys(node), repeated_keys(node)
