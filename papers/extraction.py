"""The child process that reads a paper's words: ``python -m papers.extraction EXTENSION
CPU_SECONDS MEMORY_BYTES``, the file on stdin, the words on stdout.

It limits itself before it reads the file: past its CPU seconds the kernel stops it (SIGXCPU,
then SIGKILL a second later), past its memory an allocation fails (MemoryError). When it ends,
everything its parser allocated goes with it. ``papers.tasks.read_words`` runs it, waits for
it no longer than a wall-clock timeout, and reads its exit status. Nothing of Django is loaded
here.
"""

import resource
import sys

from papers import files

# Exit statuses besides 0 (the words are on stdout): the words cannot be read (why is on
# stdout), or reading them needs more than the limits allow.
FAILED = 2
TOO_LARGE = 3


def limit(*, cpu_seconds: int, memory_bytes: int) -> None:
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + 1))
    resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))  # SIGXCPU would otherwise dump core


def main(arguments: list[str]) -> int:
    extension, cpu_seconds, memory_bytes = arguments[0], int(arguments[1]), int(arguments[2])
    limit(cpu_seconds=cpu_seconds, memory_bytes=memory_bytes)
    try:
        text = files.extract_text(sys.stdin.buffer.read(), extension)
    except MemoryError:
        return answer(TOO_LARGE, "")
    except files.TooLarge as problem:
        return answer(TOO_LARGE, str(problem))
    except files.FileProblem as problem:
        return answer(FAILED, str(problem))
    except Exception as error:  # noqa: BLE001 - pypdf and expat raise many kinds
        return answer(FAILED, f"The words in the file could not be read ({type(error).__name__}).")
    return answer(0, text)


def answer(status: int, message: str) -> int:
    sys.stdout.buffer.write(message.encode())
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
