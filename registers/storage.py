"""Stored files: written while a database transaction is open, they must not outlive its
rollback (a paper whose row was never saved, an edition of a review never published); served,
they go out as downloads through a view that checks who asks and counts them."""

import contextlib
import contextvars

from django.core.files.storage import Storage
from django.db.models import F
from django.http import FileResponse, Http404

# The files stored by the block now running: (storage, name).
_stored_now: contextvars.ContextVar[list[tuple[Storage, str]] | None] = contextvars.ContextVar(
    "stored_now", default=None
)


@contextlib.contextmanager
def stored_files_kept_only_on_success():
    """Delete the files stored inside this block if the block fails. Put it outside the
    ``transaction.atomic()`` it guards, so a failed commit deletes them too. Nested, the files
    of an inner block that succeeded stay in the care of the outer one, which may still fail.
    """
    stored: list[tuple[Storage, str]] = []
    token = _stored_now.set(stored)
    try:
        yield
    except BaseException:
        for storage, name in stored:
            storage.delete(name)
        raise
    finally:
        _stored_now.reset(token)
    outer = _stored_now.get()
    if outer is not None:
        outer.extend(stored)


def note_stored(storage: Storage, name: str) -> None:
    """Record a file just written, for the enclosing ``stored_files_kept_only_on_success``."""
    stored = _stored_now.get()
    if stored is not None:
        stored.append((storage, name))


def stored_file_response(
    storage: Storage, name: str, *, filename: str, content_type: str, missing: str
) -> FileResponse:
    """The stored file ``name`` as a download that no browser will render; a 404 saying
    ``missing`` if the storage no longer has it."""
    try:
        handle = storage.open(name, "rb")
    except FileNotFoundError as gone:
        raise Http404(missing) from gone
    response = FileResponse(
        handle, as_attachment=True, filename=filename, content_type=content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


def count_download(queryset, field: str, request) -> None:
    """Count a download (a GET, not a HEAD) in the database: not in the row's history, nor
    its ``updated_at``."""
    if request.method == "GET":
        queryset.update(**{field: F(field) + 1})
