"""Where the commands write: files, special files and standard output, each failure one line.

A regular file is written as ``OUT.part`` and renamed onto ``OUT`` at the end, so that a run
that fails leaves ``OUT`` as it was; standard output, character devices (``/dev/null``) and
FIFOs are written directly and never renamed over or removed. An output that cannot be
written is refused with E003 when its :class:`OutputFile` is made, before any work starts.
"""

from __future__ import annotations

import contextlib
import os
import stat
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any, NoReturn, TextIO

from eventwire import errors
from eventwire.errors import EventwireError


class OutputFile:
    """One output of a command: ``-`` for standard output, or a path."""

    def __init__(self, output: str, force: bool) -> None:
        self.stream: IO[Any] | None = None
        if output == "-":
            if sys.stdout is None or sys.stdout.closed:
                raise cannot_write("standard output", "it is closed")
            self.path, self.part, self.name = None, None, "standard output"
            return
        self.path, self.name = Path(output), output
        kind = file_kind(self.path)
        if kind == "missing" and not self.path.parent.is_dir():
            raise cannot_write(output, f"no such directory {str(self.path.parent)!r}")
        if kind == "directory":
            raise cannot_write(output, "it is a directory")
        if kind == "other":
            raise cannot_write(output, "not a regular file, character device or FIFO")
        if kind == "regular" and not force:
            raise EventwireError(
                errors.OUTPUT_EXISTS, f"{output} exists; use --force to overwrite it"
            )
        direct = kind == "special"
        self.part = None if direct else self.path.with_name(self.path.name + ".part")

    def open(self, binary: bool = False) -> None:
        if self.path is None:
            self.stream = sys.stdout
            return
        try:
            target = self.part or self.path
            self.stream = (
                target.open("wb") if binary else target.open("w", encoding="utf-8", newline="")
            )
        except OSError as exc:
            raise cannot_write(self.name, exc.strerror or str(exc)) from exc

    def write(self, text: str) -> None:
        assert self.stream is not None
        try:
            self.stream.write(text)
        except OSError as exc:
            self.fail(exc)

    def commit(self) -> None:
        """Flush and close; move OUT.part onto OUT when the target is absent or regular."""
        assert self.stream is not None
        try:
            if not self.stream.closed:
                self.stream.flush()
            if self.stream is not sys.stdout:
                self.stream.close()
        except OSError as exc:
            self.fail(exc)
        if self.part is None or self.path is None:
            return
        if file_kind(self.path) not in ("missing", "regular"):
            raise cannot_write(self.name, "it is no longer a regular file; not replaced")
        try:
            os.replace(self.part, self.path)
        except OSError as exc:
            self.fail(exc)

    def discard(self) -> None:
        """Close without keeping anything: OUT.part is removed, OUT stays as it was."""
        if self.stream is not None and self.stream is not sys.stdout:
            with contextlib.suppress(OSError):  # the error that brought us here is the one to tell
                self.stream.close()
        if self.part is not None:
            self.part.unlink(missing_ok=True)

    @contextlib.contextmanager
    def writing(self, binary: bool = False) -> Iterator[IO[Any]]:
        """The open stream; on leaving, committed, or discarded if the block failed. A write
        the block makes to the stream that fails is the one-line E003 error."""
        self.open(binary)
        assert self.stream is not None
        try:
            yield self.stream
        except OSError as exc:
            self.discard()
            self.fail(exc)
        except BaseException:
            self.discard()
            raise
        try:
            self.commit()
        except BaseException:
            self.discard()
            raise

    def fail(self, exc: OSError) -> NoReturn:
        """Raise the one-line error for a failed write (a reader that went away from standard
        output, as with ``| head``, is left to stop the run quietly)."""
        if self.stream is sys.stdout:
            silence_stdout()
            if isinstance(exc, BrokenPipeError):
                raise exc
        raise cannot_write(self.name, exc.strerror or str(exc)) from exc


class GuardedStdout:
    """Standard output for a command: writing it when it is closed or full (``/dev/full``) is
    the one-line E003 error; a reader that went away (``| head``) still stops the run quietly."""

    def __init__(self, stream: TextIO | None) -> None:
        self.stream = stream

    @property
    def closed(self) -> bool:
        return self.stream is None or self.stream.closed

    def write(self, text: str) -> int:
        if self.stream is None:
            raise cannot_write("standard output", "it is closed")
        try:
            return self.stream.write(text)
        except OSError as exc:
            self.failed(exc)

    def flush(self) -> None:
        if self.stream is None:
            return
        try:
            self.stream.flush()
        except OSError as exc:
            self.failed(exc)

    def failed(self, exc: OSError) -> NoReturn:
        silence_stdout()
        if isinstance(exc, BrokenPipeError):
            raise exc
        raise cannot_write("standard output", exc.strerror or str(exc)) from exc

    def __getattr__(self, name: str) -> Any:
        return getattr(self.stream, name)


@contextlib.contextmanager
def guarded_stdout() -> Iterator[None]:
    """Standard output guarded for the block, and flushed at its end, so that output still
    buffered that cannot be written is reported too."""
    real = sys.stdout
    guard = GuardedStdout(real)
    sys.stdout = guard  # type: ignore[assignment]
    try:
        yield
        guard.flush()
    finally:
        sys.stdout = real


def file_kind(path: Path) -> str:
    """missing, regular, directory, special (character device or FIFO) or other."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return "missing"
    except OSError:
        return "other"
    if stat.S_ISREG(mode):
        return "regular"
    if stat.S_ISDIR(mode):
        return "directory"
    return "special" if stat.S_ISCHR(mode) or stat.S_ISFIFO(mode) else "other"


def cannot_write(name: str, reason: str) -> EventwireError:
    return EventwireError(errors.OUTPUT, f"cannot write {name}: {reason}")


def silence_stdout() -> None:
    """Point standard output at the null device, so that the interpreter's last flush of what
    could not be written does not fail again on the way out."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)
    except (OSError, ValueError, AttributeError):
        pass
