"""The JSON Schema of the document result, generated from the model and shipped as a file."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

from pydantic import TypeAdapter

from eventwire.model import DocumentError, DocumentResult

SCHEMA_FILE = "document-result.schema.json"


def document_schema() -> dict[str, Any]:
    """A result line is either a document result or a document error."""
    schema = TypeAdapter(DocumentResult | DocumentError).json_schema(
        by_alias=True, mode="serialization"
    )
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "eventwire document result"
    return schema


def shipped_schema() -> dict[str, Any]:
    """The schema file shipped in the package (kept equal to :func:`document_schema` by a test)."""
    text = resources.files("eventwire.data").joinpath(SCHEMA_FILE).read_text(encoding="utf-8")
    return json.loads(text)


if __name__ == "__main__":
    print(json.dumps(document_schema(), indent=2, ensure_ascii=False))
