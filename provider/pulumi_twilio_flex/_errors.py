"""The one exception tree of the package.

    FlexFlowError                  anything this package raises on purpose
    ├── ConfigurationError         credentials or endpoint missing or inconsistent
    ├── TransportError             Twilio could not be reached, or answered something that is not JSON
    └── TwilioApiError             Twilio answered with an error status
        └── FlexFlowNotFoundError  ... and that status was 404

Messages stand alone (Pulumi prefixes them with "Exception calling application:") and never carry a token.
"""

from __future__ import annotations

__all__ = [
    "ConfigurationError",
    "FlexFlowError",
    "FlexFlowNotFoundError",
    "TransportError",
    "TwilioApiError",
]


class FlexFlowError(Exception):
    """Base class: catch this to handle every failure of the package."""


class ConfigurationError(FlexFlowError):
    """The provider cannot tell which account to use or where the Flex API is; `key` names the setting."""

    def __init__(self, key: str, message: str) -> None:
        self.key = key
        super().__init__(message)


class TransportError(FlexFlowError):
    """The request did not get a usable answer: connection refused, timeout, or a body that is not JSON."""

    def __init__(self, operation: str, sid: str | None, reason: str) -> None:
        self.operation = operation
        self.sid = sid
        self.reason = reason
        super().__init__(f"{_subject(operation, sid)}: {reason}")


class TwilioApiError(FlexFlowError):
    """Twilio answered with an error status; carries what its error body said."""

    def __init__(
        self,
        operation: str,
        sid: str | None,
        status: int,
        code: int | None,
        message: str,
        more_info: str | None = None,
        hint: str = "",
    ) -> None:
        self.operation = operation
        self.sid = sid
        self.status = status
        self.code = code
        self.message = message
        self.more_info = more_info
        code_part = f", Twilio error {code}" if code is not None else ""
        info_part = f" ({more_info})" if more_info else ""
        hint_part = f". {hint}" if hint else ""
        super().__init__(f"{_subject(operation, sid)}: HTTP {status}{code_part}: {message}{info_part}{hint_part}")


class FlexFlowNotFoundError(TwilioApiError):
    """The Flex Flow does not exist (HTTP 404), whatever Twilio code came with it."""


def _subject(operation: str, sid: str | None) -> str:
    return f"{operation} Flex Flow {sid}" if sid else f"{operation} Flex Flow"
