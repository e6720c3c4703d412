"""Errors the emulated Flex API answers with, one class per kind of Twilio error.

Every error carries the HTTP status, the Twilio error code and a message, and serializes to the
body Twilio sends::

    {"code": 20404, "message": "...", "more_info": "https://www.twilio.com/docs/errors/20404", "status": 404}

Tree::

    FlexApiError
    ├── AuthenticationError      401 / 20003
    ├── NotFoundError            404 / 20404
    ├── MethodNotAllowedError    405 / 20004
    ├── BadRequestError          400 / 20001
    │   ├── MissingParameterError
    │   ├── InvalidParameterError
    │   ├── UnknownParameterError
    │   ├── PageSizeTooLargeError        / 20007
    │   └── InvalidPageTokenError        / 21481
    ├── TooManyRequestsError     429 / 20429 (injected; never processed)
    ├── ServiceUnavailableError  503 / 20503 (injected)
    ├── ProtocolError            4xx/5xx / 20000 + status (malformed HTTP, answered by the server)
    └── InternalServerError      500 / 20500
"""

from __future__ import annotations

from typing import Any

MORE_INFO = "https://www.twilio.com/docs/errors/{code}"


class FlexApiError(Exception):
    """An error the emulator reports to the client as a Twilio error body."""

    status = 500
    code = 20500

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message
        self.headers: dict[str, str] = {}

    @property
    def more_info(self) -> str:
        return MORE_INFO.format(code=self.code)

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "message": self.message,
            "more_info": self.more_info,
            "status": self.status,
        }


class AuthenticationError(FlexApiError):
    """Missing or unacceptable HTTP Basic credentials."""

    status = 401
    code = 20003

    def __init__(self) -> None:
        super().__init__("Authenticate")
        self.headers["WWW-Authenticate"] = 'Basic realm="Twilio API"'


class NotFoundError(FlexApiError):
    """No resource at this path for this account (also for a malformed SID)."""

    status = 404
    code = 20404

    def __init__(self, path: str) -> None:
        super().__init__(f"The requested resource {path} was not found")


class MethodNotAllowedError(FlexApiError):
    """The route exists but does not accept this HTTP method."""

    status = 405
    code = 20004

    def __init__(self, method: str, allowed: tuple[str, ...]) -> None:
        super().__init__("Method not allowed")
        self.method = method
        self.allowed = allowed
        self.headers["Allow"] = ", ".join(allowed)


class BadRequestError(FlexApiError):
    """A request parameter is missing, unknown or invalid."""

    status = 400
    code = 20001

    def __init__(self, parameter: str, message: str) -> None:
        super().__init__(message)
        self.parameter = parameter


class MissingParameterError(BadRequestError):
    """A parameter required for this request was not sent (or sent empty)."""

    def __init__(self, parameter: str) -> None:
        super().__init__(parameter, f"Missing required parameter {parameter} in the post body")


class InvalidParameterError(BadRequestError):
    """A parameter was sent with a value Twilio would reject."""

    def __init__(self, parameter: str, detail: str) -> None:
        super().__init__(parameter, f"Invalid parameter {parameter}: {detail}")


class UnknownParameterError(BadRequestError):
    """A parameter the API does not define (reported only by a strict emulator)."""

    def __init__(self, parameter: str) -> None:
        super().__init__(parameter, f"Unknown parameter {parameter}")


class PageSizeTooLargeError(BadRequestError):
    """PageSize above the API's maximum (Twilio's documented error 20007)."""

    code = 20007

    def __init__(self, maximum: int) -> None:
        super().__init__("PageSize", f"Page size too large: PageSize must be at most {maximum}")


class InvalidPageTokenError(BadRequestError):
    """A PageToken this emulator did not issue (Twilio's documented error 21481)."""

    code = 21481

    def __init__(self) -> None:
        super().__init__("PageToken", "Invalid PageToken")


class TooManyRequestsError(FlexApiError):
    """Rate limited. Twilio states such a request was never processed and is always safe to retry."""

    status = 429
    code = 20429

    def __init__(self, retry_after: int | None = None) -> None:
        super().__init__("Too Many Requests")
        if retry_after is not None:
            self.headers["Retry-After"] = str(retry_after)


class ServiceUnavailableError(FlexApiError):
    """A transient outage: the request was not processed."""

    status = 503
    code = 20503

    def __init__(self) -> None:
        super().__init__("Service Unavailable")


class ProtocolError(FlexApiError):
    """A request the HTTP layer cannot accept (too long, too many headers, a body that never comes).

    The code follows the pattern of 20404/20429/20500/20503 (20000 + status); Twilio documents none for these.
    """

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.code = 20000 + status


class InternalServerError(FlexApiError):
    """The emulator itself failed, or a 500 was injected; the request may or may not have been applied."""

    def __init__(self) -> None:
        super().__init__("Internal Server Error")
