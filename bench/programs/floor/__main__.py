"""The engine's floor: N trivial dynamic resources with the same inputs as the flows, and no HTTP call."""

import json
from pathlib import Path

from bench_floor import Floor

for name, args in json.loads(Path("flows.json").read_text()).items():
    Floor(name, **args)
