"""Writing files safely: atomic replacement and an exclusive lock on a scenario file.

Every file a command writes goes through :func:`write_atomically`: the new
content goes to a temporary file in the same folder, is flushed and synced
to disk, and then renamed over the target in one step.  A reader (or a
crash) sees the old file or the new one, never a mixture.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from commitlogic.model.errors import ScenarioError

try:  # POSIX; without it (Windows) edits stay atomic but are not serialized.
    import fcntl
except ImportError:  # pragma: no cover - not on the platforms we test
    fcntl = None  # type: ignore[assignment]

__all__ = ["locked", "read_text", "scenario_files", "write_atomically"]


def _default_mode() -> int:
    """Return the mode a new file gets here: ``0o666`` less the umask."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return 0o666 & ~int(line.split()[1], 8)
    except OSError:  # pragma: no cover - not Linux
        pass
    mask = os.umask(0o022)  # pragma: no cover - not Linux
    os.umask(mask)  # pragma: no cover
    return 0o666 & ~mask  # pragma: no cover


def write_atomically(path: str | os.PathLike[str], data: bytes | str) -> None:
    """Replace the file at ``path`` with ``data`` (text is written as UTF-8), atomically.

    The data goes to a temporary file in the same folder, which is flushed,
    synced and renamed over ``path``; then the folder is synced, so that the
    rename itself is on disk.  An existing file keeps its permission bits; a
    new one gets the usual mode (``0o666`` less the umask).  If anything
    fails before the rename, the temporary file is removed and ``path`` is
    untouched.  When ``path`` is a symbolic link, the file it points to is
    replaced and the link stays.

    Raises
    ------
    OSError
        When the folder cannot be written to, or the disk is full.
    """
    target = Path(os.path.realpath(path))
    content = data.encode("utf-8") if isinstance(data, str) else data
    try:
        mode = target.stat().st_mode & 0o7777
    except FileNotFoundError:
        mode = _default_mode()
    folder = target.parent
    try:
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as error:  # name the file the caller asked for, not the temporary one
        raise OSError(error.errno, error.strerror, os.fspath(path)) from None
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(content)
            out.flush()
            os.fchmod(out.fileno(), mode)
            os.fsync(out.fileno())
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    _sync_folder(folder)


def _sync_folder(folder: Path) -> None:
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:  # pragma: no cover - a folder that cannot be opened (Windows)
        return
    try:
        os.fsync(descriptor)
    except OSError:  # pragma: no cover - file systems that do not sync folders
        pass
    finally:
        os.close(descriptor)


@contextlib.contextmanager
def locked(path: str | os.PathLike[str]) -> Iterator[bytes]:
    """Hold an exclusive lock on the file at ``path`` and yield its current content.

    The lock is an ``flock`` on the file itself, so no lock file is left
    behind.  Since :func:`write_atomically` replaces the file by a new one, a
    process that waited for the lock may hold it on the replaced file; it
    then opens the path again, until the file it locked is the file at
    ``path``.  Read-modify-write cycles inside the ``with`` block are thus
    serialized between processes and threads.  A symbolic link is followed,
    as :func:`write_atomically` follows it.

    Raises
    ------
    OSError
        When the file cannot be opened (``FileNotFoundError`` if it is missing).
    """
    path = os.path.realpath(path)
    while True:
        descriptor = os.open(path, os.O_RDONLY)
        try:
            if fcntl is not None:
                fcntl.flock(descriptor, fcntl.LOCK_EX)
            opened, current = os.fstat(descriptor), os.stat(path)
        except BaseException:
            os.close(descriptor)
            raise
        if (opened.st_dev, opened.st_ino) == (current.st_dev, current.st_ino):
            break
        os.close(descriptor)  # replaced while we waited: lock the new file
    try:
        with os.fdopen(descriptor, "rb", closefd=False) as source:
            content = source.read()
        yield content
    finally:
        os.close(descriptor)  # releases the lock


def read_text(name: str) -> str:
    """Return the text of the UTF-8 file ``name``.

    Raises
    ------
    ScenarioError
        When the file is missing, a folder or unreadable, or not UTF-8 (with
        the line and column of the first bad byte).
    """
    try:
        data = Path(name).read_bytes()
    except FileNotFoundError:
        raise ScenarioError("no such file", file=name) from None
    except IsADirectoryError:
        raise ScenarioError("is a directory, not a scenario file", file=name) from None
    except OSError as error:
        raise ScenarioError(f"cannot read the file: {error.strerror}", file=name) from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line_start = data.rfind(b"\n", 0, error.start) + 1
        raise ScenarioError(
            f"the file is not valid UTF-8 (byte 0x{data[error.start]:02x})",
            file=name,
            line=data.count(b"\n", 0, error.start) + 1,
            column=len(data[line_start : error.start].decode("utf-8", errors="replace")) + 1,
        ) from None


def scenario_files(folder: str | os.PathLike[str]) -> list[Path]:
    """Return the scenario files (``*.toml``, ``*.jsonl``) of a folder, sorted by name."""
    return sorted(path for pattern in ("*.toml", "*.jsonl") for path in Path(folder).glob(pattern))
