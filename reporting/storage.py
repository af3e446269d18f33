"""Stored files written whole or not at all, and the state of the storage for /healthz.

A file is written to a temporary name in its final directory, flushed to disk, then
renamed over its final name: a full disk or a killed worker leaves no truncated file
under a name the application serves, and a task that runs twice replaces its own file
instead of adding a second one.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import tempfile
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

MB = 1024 * 1024


def save_atomically(field_file, name: str, content: bytes) -> None:
    """Store ``content`` as ``name`` (under the field's upload_to), replacing an earlier attempt's file."""
    storage = field_file.storage
    name = field_file.field.generate_filename(field_file.instance, name)
    # Files live on the server's own disk (FileSystemStorage): the rename is what makes the
    # write all-or-nothing.
    path = Path(storage.path(name))
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    try:
        with os.fdopen(descriptor, "wb") as out:
            out.write(content)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise
    _sync_directory(path.parent)
    field_file.name = name


def _sync_directory(directory: Path) -> None:
    # The rename itself survives a power cut only once its directory is on disk.
    descriptor = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def failure_reason(exc: BaseException) -> str:
    """What a failed render or build tells the user, the technical cause after it."""
    if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return _("Máy chủ hết dung lượng lưu trữ") + f" ({exc!r})"
    return repr(exc)


def storage_state() -> str:
    """/healthz: "ok" when the stored files' directory is writable and has room, else why not."""
    root = Path(settings.MEDIA_ROOT)
    try:
        root.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=root, prefix=".healthz-") as probe:
            probe.write(b"ok")
            probe.flush()
            os.fsync(probe.fileno())
        free = shutil.disk_usage(root).free
    except OSError as exc:
        return f"error: {errno.errorcode.get(exc.errno or 0, exc.__class__.__name__)}"
    if free < settings.STORAGE_MIN_FREE_MB * MB:
        return f"error: {free // MB} MB free"
    return "ok"
