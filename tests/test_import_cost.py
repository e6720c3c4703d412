"""The program and a previewing provider never load the HTTP stack: it is loaded by the first request only."""

from __future__ import annotations

import subprocess
import sys

HTTP_STACK = ("requests", "urllib3", "tenacity")

PREVIEW = """
import sys
from pulumi_twilio_flex import FlexFlow  # what a program imports
from pulumi_twilio_flex._provider import FlexFlowProvider

provider = FlexFlowProvider()
inputs = {"friendly_name": "Support", "chat_service_sid": "IS" + "a" * 32, "channel_type": "web",
          "integration": {"flow_sid": "FW" + "b" * 32}, "__provider": "x"}
checked = provider.check({}, inputs)
assert not checked.failures, checked.failures
provider.diff("FO" + "c" * 32, dict(inputs, sid="FO" + "c" * 32), inputs)
print(",".join(name for name in %r if name in sys.modules))
"""


def test_importing_checking_and_diffing_load_no_http_library():
    done = subprocess.run(
        [sys.executable, "-c", PREVIEW % (HTTP_STACK,)], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == ""
