"""What Pulumi stores of the provider: small, no credential, loadable in a fresh process."""

from __future__ import annotations

import base64
import pickle
import subprocess
import sys

from pulumi.dynamic.dynamic import serialize_provider

from pulumi_twilio_flex._provider import FlexFlowProvider


def test_serialized_provider_is_small_and_holds_no_credential(emulator):
    provider = emulator.provider()
    provider.check({}, {"friendly_name": "x"})
    list(provider._client().list())  # a session with Basic auth now exists in this process
    serialized = serialize_provider(provider)
    raw = base64.b64decode(serialized)
    assert len(serialized) < 400, len(serialized)
    for secret in (emulator.token, emulator.url):
        assert secret.encode() not in raw
        assert secret not in serialized
    assert b"requests" not in raw
    assert serialized == serialize_provider(FlexFlowProvider())  # configuration never changes what is stored


def test_serialized_provider_loads_in_a_fresh_process():
    serialized = serialize_provider(FlexFlowProvider())
    script = (
        "import base64, sys, dill\n"
        "p = dill.loads(base64.b64decode(sys.argv[1]))\n"
        "print(type(p).__module__, type(p).__name__)\n"
        "print(p.check({}, {'friendly_name': 'x'}).failures[0].property)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, serialized], capture_output=True, text=True, timeout=60, check=True
    )
    assert done.stdout.split("\n")[:2] == [
        "pulumi_twilio_flex.flex_flow.provider FlexFlowProvider",
        "chat_service_sid",
    ]


def test_a_provider_pickled_under_its_first_module_path_still_loads_in_a_fresh_process():
    """State written before each resource had its folder pickles `pulumi_twilio_flex._provider.FlexFlowProvider`."""
    old_pickle = b"cpulumi_twilio_flex._provider\nFlexFlowProvider\n)R."  # the class by its old path, called
    assert pickle.loads(old_pickle).description.type_name == "FlexFlow"
    script = (
        "import base64, sys, dill\n"
        "p = dill.loads(base64.b64decode(sys.argv[1]))\n"
        "print(type(p).__name__, p.description.type_name)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, base64.b64encode(old_pickle).decode()],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert done.stdout.split("\n")[0] == "FlexFlowProvider FlexFlow"
