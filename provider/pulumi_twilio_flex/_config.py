"""Where the provider finds its credentials and each API's endpoint (`ApiHost`: the Flex API, Conversations).

Pulumi config (`twilio:*`, secrets arrive decrypted in `configure`) wins over the environment, key by key.
Nothing read here is ever stored on the provider object that Pulumi pickles into state.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from difflib import get_close_matches
from typing import Any
from urllib.parse import urlsplit

from ._description import FLEX_API, ApiHost
from ._errors import ConfigurationError
from ._retry_settings import RetrySettings, retry_settings
from ._settings_keys import SETTINGS_SOURCES, how_to_set
from ._values import is_http_url

DEFAULT_REGION_FOR_EDGE = "us1"  # what Twilio's SDKs use when only an edge is given

_HOST_PART = re.compile(r"^[a-z0-9-]+$")
_ACCOUNT_SID = re.compile(r"^AC[0-9a-fA-F]{32}\Z")
_API_KEY_SID = re.compile(r"^SK[0-9a-fA-F]{32}\Z")

ConfigGetter = Callable[[str], Any]


@dataclass(frozen=True)
class Credentials:
    """HTTP Basic credentials; the password never shows in repr."""

    username: str
    password: str = field(repr=False)


@dataclass(frozen=True)
class ConnectionSettings:
    """Everything needed to build a client."""

    credentials: Credentials
    base_url: str
    retry: RetrySettings = RetrySettings()


def resolve_settings(
    config_get: ConfigGetter | None = None,
    environ: Mapping[str, str] | None = None,
    config_keys: Iterable[str] = (),
    api: ApiHost = FLEX_API,
) -> ConnectionSettings:
    """Resolve credentials and base URL from config, then environment; raise ConfigurationError if incomplete.

    `config_keys` are all the keys of the stack's config: a `twilio:` key this provider does not read is refused
    (a typo would otherwise be ignored, and the setting it meant silently left at its default).
    """
    env = os.environ if environ is None else environ
    _refuse_unknown_keys(config_keys)

    def lookup(key: str) -> str | None:
        value = config_get(key) if config_get is not None else None
        if value is None or value == "":
            value = env.get(SETTINGS_SOURCES[key]) or None
        return str(value) if value is not None else None

    return ConnectionSettings(
        credentials=_credentials(lookup),
        base_url=_base_url(lookup, api),
        retry=retry_settings(lookup),
    )


def _credentials(lookup: Callable[[str], str | None]) -> Credentials:
    api_key, api_secret = lookup("twilio:apiKey"), lookup("twilio:apiSecret")
    if api_key and not _API_KEY_SID.match(api_key):
        raise ConfigurationError(
            "twilio:apiKey",
            "twilio:apiKey must be an API key SID, SK followed by 32 hex digits (the value is not repeated here); "
            f"set it with {how_to_set('twilio:apiKey')}.",
        )
    if api_key and api_secret:
        return Credentials(api_key, api_secret)
    if api_key or api_secret:
        missing = "twilio:apiSecret" if api_key else "twilio:apiKey"
        raise ConfigurationError(
            missing,
            f"Twilio API key credentials are incomplete: {missing} is not set; set it with "
            f"{how_to_set(missing, secret=missing.endswith('Secret'))} (an API key needs both twilio:apiKey and "
            "twilio:apiSecret).",
        )
    account_sid, auth_token = lookup("twilio:accountSid"), lookup("twilio:authToken")
    if account_sid and not _ACCOUNT_SID.match(account_sid):
        raise ConfigurationError(
            "twilio:accountSid",
            "twilio:accountSid must be an Account SID, AC followed by 32 hex digits (the value is not repeated "
            f"here); set it with {how_to_set('twilio:accountSid')}.",
        )
    if account_sid and auth_token:
        return Credentials(account_sid, auth_token)
    missing_keys = [
        key for key, value in (("twilio:accountSid", account_sid), ("twilio:authToken", auth_token)) if not value
    ]
    ways = "; ".join(f"{key}: {how_to_set(key, secret=key.endswith('Token'))}" for key in missing_keys)
    raise ConfigurationError(
        missing_keys[0],
        f"Twilio credentials are missing ({', '.join(missing_keys)}): set {ways}. An API key works too "
        f"(twilio:apiKey and twilio:apiSecret, or TWILIO_API_KEY and TWILIO_API_SECRET).",
    )


def _base_url(lookup: Callable[[str], str | None], api: ApiHost) -> str:
    key, host = api.settings_key, f"{api.host_label}.twilio.com"
    explicit = lookup(key)
    if explicit:
        if not is_http_url(explicit):
            raise ConfigurationError(
                key,
                f"{key} must be an absolute http(s) URL with a host, such as https://{host} or "
                f"http://127.0.0.1:8718 (the value is not repeated here); set it with {how_to_set(key)}.",
            )
        base = explicit.rstrip("/")
        if urlsplit(base).path.lower().endswith("/v1"):
            raise ConfigurationError(
                key,
                f"{key} must be the API's base URL without the version path: drop the trailing /v1 "
                f"(requests go to <base>/v1/...); set it with {how_to_set(key)}.",
            )
        regional = [k for k in ("twilio:edge", "twilio:region") if lookup(k)]
        if regional:
            raise ConfigurationError(
                regional[0],
                f"{' and '.join(regional)} cannot be used with {key}, which names the host itself: unset "
                f"one or the other ({'; '.join(f'{k}: {how_to_set(k)}' for k in regional)}).",
            )
        return base
    region, edge = lookup("twilio:region"), lookup("twilio:edge")
    if region and not edge:
        raise ConfigurationError(
            "twilio:edge",
            "twilio:region is set but twilio:edge is not: Twilio's regional hosts need both (for example region "
            f"ie1 with edge dublin); set the edge with {how_to_set('twilio:edge')}, or unset the region "
            "(twilio:region / TWILIO_REGION).",
        )
    if not edge:
        return f"https://{host}"
    region = region or DEFAULT_REGION_FOR_EDGE
    for key, value in (("twilio:edge", edge), ("twilio:region", region)):
        if not _HOST_PART.match(value):
            raise ConfigurationError(
                key, f"{key} must be a lowercase host label such as 'sydney' or 'au1'; set it with {how_to_set(key)}."
            )
    return f"https://{api.host_label}.{edge}.{region}.twilio.com"


def _refuse_unknown_keys(config_keys: Iterable[str]) -> None:
    for key in sorted(config_keys):
        if key.startswith("twilio:") and key not in SETTINGS_SOURCES:
            near = get_close_matches(key, list(SETTINGS_SOURCES), n=1)
            hint = f"did you mean {near[0]}? " if near else ""
            raise ConfigurationError(
                key,
                f"{key} is not a setting of this provider; {hint}the settings are {', '.join(SETTINGS_SOURCES)}. "
                f"Remove it with `pulumi config rm {key}`.",
            )
