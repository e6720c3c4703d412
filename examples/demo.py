"""The repository's own Pulumi program: every flow of the catalog flows.yaml (see ../Pulumi.yaml).

`flex:catalog` names another catalog file; `make demo` uses it to preview a change without editing flows.yaml.
Pulumi runs this program from its own folder, so the catalog's path is taken from the project root.
"""

from pathlib import Path

import pulumi

from pulumi_twilio_flex import flows_from_yaml

ROOT = Path(__file__).resolve().parent.parent
catalog = ROOT / (pulumi.Config("flex").get("catalog") or "flows.yaml")
for name, flow in flows_from_yaml(catalog).items():
    pulumi.export(f"{name}_sid", flow.sid)
    pulumi.export(f"{name}_url", flow.url)
