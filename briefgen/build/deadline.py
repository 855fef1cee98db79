"""A time bound on one file's work, so one pathological input cannot stall a whole build.

Scraped text can hold shapes that make a parser slow (thousands of unmatched
emphasis markers in one paragraph); a build that hangs on one article names
nothing and loses everything. :func:`deadline` arms ``SIGALRM`` around one
article's or one page's work and turns an overrun into a
:class:`~briefgen.errors.BriefgenError` naming the file.

Signals reach only the main thread, so in a thread (the preview rebuilds in
a watcher thread) the bound is not armed: the preview keeps serving the last
good site meanwhile, and the same file fails a ``briefgen build`` clearly.
"""

from __future__ import annotations

import signal
import threading
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from typing import Iterator

from briefgen.errors import BriefgenError

SECONDS = 10.0  # real articles parse and render in milliseconds


class _Overrun(BaseException):  # not an Exception: no broad handler inside the block swallows it
    pass


def _alarm(signum: int, frame: FrameType | None) -> None:
    raise _Overrun


@contextmanager
def deadline(path: Path | str, what: str, seconds: float | None = None,
             hint: str = "look for an unusual stretch of text (thousands of *, _ or [ in one "
                         "paragraph) and escape or remove it") -> Iterator[None]:
    """Raise a :class:`BriefgenError` naming ``path`` if the block runs over ``seconds``
    (default :data:`SECONDS`, read at the call)."""
    seconds = SECONDS if seconds is None else seconds
    if (threading.current_thread() is not threading.main_thread()
            or not hasattr(signal, "setitimer")):
        yield
        return
    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    except _Overrun:
        raise BriefgenError(f"{what} took over {seconds:.0f} s and was stopped", path,
                            hint=hint) from None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
