"""The provider as Pulumi pickles it into every resource: small, in clear, and cheap for any number of flows."""

from __future__ import annotations

import base64
import pickle
import subprocess
import sys

from pulumi.dynamic.dynamic import serialize_provider

from pulumi_twilio_flex._provider import FlexFlowProvider

# How the provider was pickled before it defined __reduce__ (class, then an empty state dict): still in state.
STORED_BEFORE = "gASVOwAAAAAAAACMHHB1bHVtaV90d2lsaW9fZmxleC5fcHJvdmlkZXKUjBBGbGV4Rmxvd1Byb3ZpZGVylJOUKYGUfZRiLg=="


def test_the_provider_is_stored_in_clear_and_pickles_to_its_class_only():
    provider = FlexFlowProvider()
    assert provider.serialize_as_secret_always is False
    serialized = serialize_provider(provider)
    assert len(serialized) < 120
    restored = pickle.loads(base64.b64decode(serialized))
    assert isinstance(restored, FlexFlowProvider)
    assert restored._config_get is None and restored._shared is None


def test_a_provider_pickled_by_an_older_version_still_loads():
    restored = pickle.loads(base64.b64decode(STORED_BEFORE))
    assert isinstance(restored, FlexFlowProvider)
    assert restored._config_get is None and restored._shared is None


def test_a_program_can_declare_thousands_of_flows():
    # In a child process: each serialize_provider call leaves pickle's dict writer wrapped once more, which
    # would also weigh on every later test of this process that pickles a dict.
    program = (
        "from pulumi.dynamic.dynamic import serialize_provider\n"
        "from pulumi_twilio_flex._provider import FlexFlowProvider\n"
        "for _ in range(2500):\n"
        "    serialize_provider(FlexFlowProvider())\n"
        "print('ok')\n"
    )
    done = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "ok"
