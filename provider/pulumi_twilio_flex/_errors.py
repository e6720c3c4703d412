"""The one exception tree of the package.

    FlexFlowError                      anything this package raises on purpose
    ├── ConfigurationError             credentials or endpoint missing or inconsistent
    ├── TransportError                 Twilio could not be reached, or answered something that is not JSON
    └── TwilioApiError                 Twilio answered with an error status
        └── NotFoundError              ... and that status was 404
            └── FlexFlowNotFoundError  ... for a Flex Flow

Messages stand alone (Pulumi prefixes them with "Exception calling application:") and never carry a token.
"""

from __future__ import annotations

__all__ = [
    "ConfigurationError",
    "FlexFlowError",
    "FlexFlowNotFoundError",
    "NotFoundError",
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

    def __init__(self, operation: str, sid: str | None, reason: str, *, title: str = "Flex Flow") -> None:
        self.operation = operation
        self.sid = sid
        self.reason = reason
        self.title = title
        super().__init__(f"{_subject(operation, title, sid)}: {reason}")


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
        *,
        title: str = "Flex Flow",
    ) -> None:
        self.operation = operation
        self.title = title
        self.sid = sid
        self.status = status
        self.code = code
        self.message = message
        self.more_info = more_info
        code_part = f", Twilio error {code}" if code is not None else ""
        info_part = f" ({more_info})" if more_info else ""
        hint_part = f". {hint}" if hint else ""
        super().__init__(
            f"{_subject(operation, title, sid)}: HTTP {status}{code_part}: {message}{info_part}{hint_part}"
        )

    def restated(self, operation: str, message: str) -> TwilioApiError:
        """The same answer reported for another operation with another message (the status, code and SID kept)."""
        return type(self)(operation, self.sid, self.status, self.code, message, self.more_info, title=self.title)


class NotFoundError(TwilioApiError):
    """The resource does not exist (HTTP 404), whatever Twilio code came with it."""


class FlexFlowNotFoundError(NotFoundError):
    """The Flex Flow does not exist (HTTP 404), whatever Twilio code came with it."""


def _subject(operation: str, title: str, sid: str | None) -> str:
    return f"{operation} {title} {sid}" if sid else f"{operation} {title}"
