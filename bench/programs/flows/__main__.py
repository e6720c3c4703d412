"""N FlexFlow resources, one per entry of flows.json."""

import json
from pathlib import Path

from pulumi_twilio_flex import FlexFlow

for name, args in json.loads(Path("flows.json").read_text()).items():
    FlexFlow(name, **args)
