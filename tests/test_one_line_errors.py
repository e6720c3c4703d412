"""The dynamic server reports the package's own errors as their message alone, and a bug with its traceback."""

from __future__ import annotations

import sys
import traceback
import types

import pytest

from pulumi_twilio_flex import TwilioApiError
from pulumi_twilio_flex._server_errors import install_in_dynamic_server


@pytest.fixture
def dynamic_server(monkeypatch):
    """A stand-in for `python -m pulumi.dynamic`'s module: the names the installer looks for."""
    server = types.ModuleType("__main__")
    server.DynamicResourceProviderServicer = object  # type: ignore[attr-defined]
    server.traceback = traceback  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "__main__", server)
    return server


def format_while_handling(server, error: BaseException) -> str:
    try:
        try:
            raise OSError(111, "Connection refused")
        except OSError as cause:
            raise error from cause
    except Exception:
        return server.traceback.format_exc()


def test_our_error_reads_as_its_message_alone(dynamic_server):
    assert install_in_dynamic_server()
    error = TwilioApiError("adopt", "FO" + "1" * 32, 404, 20404, "The requested resource\nwas not found")
    text = format_while_handling(dynamic_server, error)
    assert text == f"adopt Flex Flow FO{'1' * 32}: HTTP 404, Twilio error 20404: The requested resource was not found"


def test_a_bug_keeps_its_whole_traceback(dynamic_server):
    install_in_dynamic_server()
    text = format_while_handling(dynamic_server, KeyError("integration"))
    assert text.startswith("Traceback (most recent call last):")
    assert "Connection refused" in text and text.rstrip().endswith("KeyError: 'integration'")


def test_installing_twice_keeps_one_stand_in(dynamic_server):
    assert install_in_dynamic_server() and install_in_dynamic_server()
    assert dynamic_server.traceback.format_exc.__qualname__.startswith("_OneLineTraceback")
    assert dynamic_server.traceback.extract_tb is traceback.extract_tb  # every other name is the module's


def test_nothing_is_installed_outside_the_dynamic_server(monkeypatch):
    monkeypatch.setitem(sys.modules, "__main__", types.ModuleType("__main__"))
    assert not install_in_dynamic_server()
