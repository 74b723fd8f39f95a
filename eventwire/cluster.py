"""Coding on a Dask cluster: the same batch function, mapped over workers.

Each worker process loads the model once (``load_model`` is cached per process) and codes
whole batches with :func:`eventwire.runner.finished_batch`; results come back in input order to
the caller, which alone writes them (to a file or the store). A bounded number of batches is in
flight at once, so memory stays flat on long inputs.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from eventwire.errors import EventwireError
from eventwire.options import Options
from eventwire.readers import ReadItem


def dask_results(
    batches: Iterable[list[ReadItem]],
    options: Options,
    scheduler: str | None = None,
    workers: int = 2,
    finish: Callable[[Any], Any] | None = None,
) -> Iterator[list]:
    """Results of every batch, in order, computed on the cluster at ``scheduler``.

    Without a scheduler address a local cluster of ``workers`` single-threaded processes is
    started for the run and shut down after it.
    """
    from dask.distributed import Client, LocalCluster

    from eventwire.runner import finished_batch, same

    cluster = None
    try:
        if scheduler:
            client = Client(scheduler, timeout="10s")
        else:
            cluster = LocalCluster(
                n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
            )
            client = Client(cluster)
    except OSError as exc:
        raise EventwireError(
            "E006", f"cannot reach the Dask scheduler {scheduler!r}: {exc}"
        ) from exc
    try:
        ahead = 2 * max(1, len(client.scheduler_info().get("workers", {})) or workers)
        in_flight: deque = deque()
        for batch in batches:
            task = client.submit(finished_batch, batch, options, finish or same, pure=False)
            in_flight.append(task)
            if len(in_flight) >= ahead:
                yield in_flight.popleft().result()
        while in_flight:
            yield in_flight.popleft().result()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
