"""Coding many documents: batches through one code path, in one process or several.

:func:`code_batch` is the unit of work: a list of documents in, their result lines out, in
order. The CLI, the Python API and the cluster runner all call it.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from itertools import islice
from typing import Any, TypeVar

from eventwire import errors
from eventwire.documents import PreparedDocument, prepare
from eventwire.model import DocumentError, DocumentResult, to_json_line
from eventwire.nlp import load_model
from eventwire.options import Options
from eventwire.pipeline import result_of, run_stages
from eventwire.readers import InputDocument, ReadItem

Result = DocumentResult | DocumentError
T = TypeVar("T")


def code_batch(items: list[ReadItem], options: Options) -> list[Result]:
    """Code a batch of documents; every item gets exactly one result, in input order."""
    prepared: list[Result | PreparedDocument] = [
        item if isinstance(item, DocumentError) else safe_prepare(item, options) for item in items
    ]
    todo = [p for p in prepared if isinstance(p, PreparedDocument)]
    nlp = load_model(options.model)
    coded = iter(nlp.pipe((p.text for p in todo), batch_size=max(1, len(todo))))
    out: list[Result] = []
    for p in prepared:
        out.append(code_parsed(p, next(coded), options) if isinstance(p, PreparedDocument) else p)
    return out


def safe_prepare(item: InputDocument, options: Options) -> PreparedDocument | DocumentError:
    try:
        return prepare(item, options)
    except Exception as exc:  # a document must never take the run down with it
        return DocumentError(
            id=item.id, error=errors.describe(errors.INTERNAL, f"reading failed: {exc!r}"[:300])
        )


def code_parsed(p: PreparedDocument, doc: object, options: Options) -> Result:
    try:
        analysis = run_stages(doc, p.published, options, p.text)  # type: ignore[arg-type]
        analysis.warnings[:0] = p.warnings
        return result_of(analysis, p.id, **p.meta)
    except Exception as exc:  # a bug in a stage costs one document, not the run
        return DocumentError(
            id=p.id, error=errors.describe(errors.INTERNAL, f"coding failed: {exc!r}"[:300])
        )


def batches(items: Iterable[ReadItem], size: int) -> Iterator[list[ReadItem]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def same(result: Result) -> Result:
    """The result as it is: what ``finish`` does by default."""
    return result


def result_line(result: Result) -> tuple[bool, str]:
    """Whether the document was coded, and its line of a results file (without the newline)."""
    return not isinstance(result, DocumentError), to_json_line(result)


def finished_batch(
    batch: list[ReadItem], options: Options, finish: Callable[[Result], T]
) -> list[T]:
    """:func:`code_batch`, each result passed through ``finish``."""
    return [finish(result) for result in code_batch(batch, options)]


def code_documents(
    items: Iterable[ReadItem],
    options: Options,
    processes: int = 1,
    batch_size: int = 16,
    engine: str = "local",
    scheduler: str | None = None,
    finish: Callable[[Result], Any] = same,
) -> Iterator[Any]:
    """Results for every document, in input order, each passed through ``finish``.

    ``engine="local"`` uses ``processes`` worker processes on this machine; ``engine="dask"``
    maps the same batches over a Dask cluster (``scheduler`` address, or a local cluster of
    ``processes`` workers). ``finish`` (a module-level function, such as :func:`result_line`)
    runs where the documents are coded, so that its work is shared out too.
    """
    if engine == "dask":
        from eventwire.cluster import dask_results

        chunks = batches(items, batch_size)
        for results in dask_results(chunks, options, scheduler, processes, finish):
            yield from results
        return
    if engine != "local":
        raise ValueError(f"unknown engine {engine!r}; use local or dask")
    if processes <= 1:
        for batch in batches(items, batch_size):
            yield from finished_batch(batch, options, finish)
        return
    spawn = _forking_unsafe()
    if not spawn:
        warm(options)  # forked workers share the loaded model and tables instead of each loading
    context = multiprocessing.get_context("spawn" if spawn else "fork")
    with context.Pool(processes, initializer=warm, initargs=(options,)) as pool:
        jobs = ((batch, options, finish) for batch in batches(items, batch_size))
        for results in pool.imap(_finished_batch_job, jobs):
            yield from results


def _finished_batch_job(job: tuple[list[ReadItem], Options, Callable[[Result], T]]) -> list[T]:
    return finished_batch(*job)


WARM_TEXT = "The minister said on Monday that talks with Brazil would resume in Geneva."


@lru_cache(maxsize=8)
def warm(options: Options) -> None:
    """Load the model and every table the stages read lazily, once per process and options."""
    code_batch([InputDocument(id="warm", text=WARM_TEXT, published="2025-01-01")], options)


def _forking_unsafe() -> bool:
    return multiprocessing.get_start_method(allow_none=True) == "spawn"
