"""One-line errors from the dynamic provider server.

Pulumi's Python dynamic server (`python -m pulumi.dynamic`, pulumi 3.27x) answers a failed call with
`traceback.format_exc()`: the user reads the server's frames, ours and every chained exception from requests
and urllib3 (119 lines for an unreachable URL), with the telling line last. For the errors this package raises on
purpose (`FlexFlowError`), whose messages stand alone, the server reports the message alone; anything else (a
bug) keeps its full traceback, which is what a bug report needs.
"""

from __future__ import annotations

import sys
import threading
import traceback
from types import ModuleType
from typing import Any

from ._errors import FlexFlowError

_installed = threading.Lock()


class _OneLineTraceback(ModuleType):
    """Stands in for the `traceback` module in the dynamic server's namespace; only `format_exc` differs."""

    def __init__(self) -> None:
        super().__init__("traceback")

    def __getattr__(self, name: str) -> Any:
        return getattr(traceback, name)

    @staticmethod
    def format_exc(limit: int | None = None, chain: bool = True) -> str:
        error = sys.exc_info()[1]
        if isinstance(error, FlexFlowError):
            return one_line(error)
        return traceback.format_exc(limit, chain)


def one_line(error: BaseException) -> str:
    """The error's message on one line (Twilio's messages may carry newlines)."""
    return " ".join(str(error).split())


def install_in_dynamic_server() -> bool:
    """Make the running dynamic server report our errors as one line; False when not running inside it."""
    server = sys.modules.get("__main__")
    if server is None or not hasattr(server, "DynamicResourceProviderServicer"):
        return False
    with _installed:
        if getattr(server, "traceback", None) is traceback:
            server.traceback = _OneLineTraceback()  # type: ignore[attr-defined]
    return isinstance(getattr(server, "traceback", None), _OneLineTraceback)
