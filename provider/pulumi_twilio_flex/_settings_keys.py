"""The provider's settings: each Pulumi config key, its environment variable, and how messages name both."""

from __future__ import annotations

# Pulumi config key -> environment variable.
SETTINGS_SOURCES: dict[str, str] = {
    "twilio:accountSid": "TWILIO_ACCOUNT_SID",
    "twilio:authToken": "TWILIO_AUTH_TOKEN",
    "twilio:apiKey": "TWILIO_API_KEY",
    "twilio:apiSecret": "TWILIO_API_SECRET",
    "twilio:region": "TWILIO_REGION",
    "twilio:edge": "TWILIO_EDGE",
    "twilio:flexApiUrl": "TWILIO_FLEX_API_URL",
    "twilio:conversationsApiUrl": "TWILIO_CONVERSATIONS_API_URL",
    "twilio:maxAttempts": "TWILIO_MAX_ATTEMPTS",
    "twilio:retryTimeout": "TWILIO_RETRY_TIMEOUT",
}


def how_to_set(key: str, secret: bool = False) -> str:
    """Both ways to set a setting, for messages: the Pulumi config key and the environment variable."""
    flag = "--secret " if secret else ""
    return f"`pulumi config set {flag}{key} ...` or the environment variable {SETTINGS_SOURCES[key]}"
