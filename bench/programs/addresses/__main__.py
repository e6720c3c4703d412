"""N AddressConfiguration resources, one per entry of flows.json (the inputs file both programs read)."""

import json
from pathlib import Path

from pulumi_twilio_flex import AddressConfiguration

for name, args in json.loads(Path("flows.json").read_text()).items():
    AddressConfiguration(name, **args)
