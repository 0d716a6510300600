"""Reading a paper's words for search, in the background.

An upload never waits on a parser: the paper is saved with its text "waiting to be read", and
after the commit a task is queued (run by ``manage.py db_worker``). The task reads the words
in a child process (``papers.extraction``) limited to PAPER_TEXT_CPU_SECONDS of CPU and
PAPER_TEXT_MEMORY_MB of memory, killed after PAPER_TEXT_TIMEOUT_SECONDS, so a file made to
exhaust a parser costs one bounded child, and no parser's memory outlives its job. What it
gives (the words, or why there are none) is written only if the paper still has that file.
"""

import signal
import subprocess
import sys
from dataclasses import dataclass
from functools import partial

from django.conf import settings
from django.db import transaction
from django_tasks import task

from registers.cache import data_changed

from . import extraction
from .models import Paper, TextStatus


@dataclass(frozen=True)
class Words:
    status: str  # a TextStatus
    text: str = ""
    error: str = ""


def read_words(data: bytes, extension: str) -> Words:
    """The words of a file of type ``extension``, read by a child process within the limits."""
    cpu_seconds = settings.PAPER_TEXT_CPU_SECONDS
    memory_mb = settings.PAPER_TEXT_MEMORY_MB
    timeout = settings.PAPER_TEXT_TIMEOUT_SECONDS
    command = [
        sys.executable,
        "-m",
        "papers.extraction",
        extension,
        str(cpu_seconds),
        str(memory_mb * 1024 * 1024),
    ]
    try:
        child = subprocess.run(  # noqa: S603 - our own program, the file only on stdin
            command, input=data, capture_output=True, timeout=timeout, cwd=settings.BASE_DIR
        )
    except subprocess.TimeoutExpired:  # run() has killed it
        return Words(
            TextStatus.TIMED_OUT, error=f"Reading the words took more than {timeout:g} seconds."
        )
    except OSError as error:
        return Words(
            TextStatus.FAILED, error=f"The words could not be read ({type(error).__name__})."
        )
    said = child.stdout.decode(errors="replace")
    if child.returncode == 0:
        return Words(TextStatus.EXTRACTED, text=said)
    if child.returncode == extraction.FAILED:
        return Words(TextStatus.FAILED, error=said)
    if child.returncode == extraction.TOO_LARGE:
        return Words(
            TextStatus.TOO_LARGE,
            error=said
            or f"Reading the words needed more than the {memory_mb} MB of memory allowed.",
        )
    if child.returncode in (-signal.SIGXCPU, -signal.SIGKILL):
        return Words(
            TextStatus.TIMED_OUT,
            error=f"Reading the words took more than the {cpu_seconds} seconds of processing "
            "allowed.",
        )
    return Words(TextStatus.FAILED, error="The words could not be read (the reader stopped).")


@task()
def extract_text(paper_id: int, file_name: str) -> str:
    """Read and store the words of the paper's file ``file_name``; nothing if the paper is
    gone or has another file by now (that file's own task reads it)."""
    paper = Paper.objects.filter(pk=paper_id, file=file_name).only("file", "file_type").first()
    if paper is None:
        return "replaced"
    try:
        with paper.file.storage.open(file_name, "rb") as stored:
            data = stored.read()
    except OSError:
        words = Words(TextStatus.FAILED, error="The file could not be found in storage.")
    else:
        words = read_words(data, paper.file_type)
    with transaction.atomic():
        # Not a save: the words are derived, not an edit (no history version, no review date).
        still_that_file = Paper.objects.filter(pk=paper_id, file=file_name)
        if still_that_file.store_text(status=words.status, text=words.text, error=words.error):
            still_that_file.refresh_search_vector()
            data_changed()
    return words.status


def extract_text_after_commit(paper_id: int, file_name: str) -> None:
    """Queue the reading of a paper's file once the transaction that stored it has committed.
    A queue that is down leaves the paper waiting ("Extract the text again" in the admin
    queues it again) rather than failing a save that has committed."""
    transaction.on_commit(partial(extract_text.enqueue, paper_id, file_name), robust=True)
