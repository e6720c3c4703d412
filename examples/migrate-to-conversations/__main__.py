"""The legacy flows of flows.yaml and, once `migrate` has written it, the addresses.yaml that replaces some."""

from pathlib import Path

import pulumi

from pulumi_twilio_flex import addresses_from_yaml, flows_from_yaml

flows = flows_from_yaml("flows.yaml")
addresses = addresses_from_yaml("addresses.yaml") if Path("addresses.yaml").is_file() else {}
pulumi.export("flows", {name: flow.sid for name, flow in flows.items()})
pulumi.export("addresses", {name: address.sid for name, address in addresses.items()})
