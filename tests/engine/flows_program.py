"""The Pulumi program the engine tests deploy: one FlexFlow per entry of flows.json beside it."""

import json
from pathlib import Path

import pulumi

from pulumi_twilio_flex import FlexFlow

for name, args in json.loads((Path.cwd() / "flows.json").read_text()).items():
    flow = FlexFlow(name, **args)
    pulumi.export(f"{name}_sid", flow.sid)
    pulumi.export(f"{name}_url", flow.url)
