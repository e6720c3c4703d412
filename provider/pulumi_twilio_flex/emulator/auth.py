"""HTTP Basic authentication as Twilio applies it: an Account SID, or an API key acting for its account.

The secret (auth token or API secret) is compared and dropped; it is never stored beyond the configured
token, logged or echoed.
"""

from __future__ import annotations

import base64
import binascii
import hmac
import re
from collections.abc import Mapping

from .exceptions import AuthenticationError

ACCOUNT_SID = re.compile(r"AC[0-9a-fA-F]{32}", re.ASCII)
API_KEY_SID = re.compile(r"SK[0-9a-fA-F]{32}", re.ASCII)


def parse_api_key(text: str) -> tuple[str, str]:
    """``SK…=AC…`` (the ``--api-key`` option) as (key SID, account SID); ValueError otherwise."""
    key, separator, account = text.partition("=")
    if not separator or not API_KEY_SID.fullmatch(key) or not ACCOUNT_SID.fullmatch(account):
        raise ValueError(f"{text!r} is not SK<32 hex>=AC<32 hex>")
    return key, account


class Authenticator:
    """Checks credentials. ``auth_token``: when set, every Basic password must equal it (account token, API
    secret and control routes alike); otherwise any non-empty password is accepted. ``api_keys``: key SID ->
    the Account SID it acts for; any other ``SK`` key is refused, as Twilio refuses an unknown key.
    """

    def __init__(self, auth_token: str | None = None, api_keys: Mapping[str, str] | None = None) -> None:
        self._auth_token = auth_token
        self.api_keys: dict[str, str] = {}
        for key, account in (api_keys or {}).items():
            self.add_api_key(key, account)

    def add_api_key(self, key_sid: str, account_sid: str) -> None:
        """Register a key; ValueError unless it is SK<32 hex> for AC<32 hex>."""
        key, account = parse_api_key(f"{key_sid}={account_sid}")
        self.api_keys[key] = account

    @property
    def has_token(self) -> bool:
        return self._auth_token is not None

    def account(self, authorization: str | None) -> str:
        """The Account SID whose state this request uses; AuthenticationError otherwise."""
        username = self._check(authorization)
        if ACCOUNT_SID.fullmatch(username):
            return username
        account = self.api_keys.get(username) if API_KEY_SID.fullmatch(username) else None
        if account is None:
            raise AuthenticationError()
        return account

    def control(self, authorization: str | None) -> None:
        """Control routes: open without a token; with one, any username and the token as password."""
        if self._auth_token is not None:
            self._check(authorization)

    def _check(self, authorization: str | None) -> str:
        """The Basic username once the password is acceptable; AuthenticationError otherwise."""
        scheme, _, encoded = (authorization or "").strip().partition(" ")
        if scheme.lower() != "basic":
            raise AuthenticationError()
        try:
            decoded = base64.b64decode(encoded.strip(), validate=True).decode("utf-8")
        except (binascii.Error, UnicodeDecodeError):
            raise AuthenticationError() from None
        username, separator, password = decoded.partition(":")
        if not separator or not password:
            raise AuthenticationError()
        if self._auth_token is not None and not hmac.compare_digest(
            password.encode("utf-8"), self._auth_token.encode("utf-8")
        ):
            raise AuthenticationError()
        return username
