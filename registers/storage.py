"""Files written while a database transaction is open must not outlive its rollback: a paper
whose row was never saved, an edition of a review that was never published."""

import contextlib
import contextvars

from django.core.files.storage import Storage

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
