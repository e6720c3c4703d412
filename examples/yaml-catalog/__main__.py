"""Every flow of flows.yaml, checked whole before any is declared."""

import pulumi

from pulumi_twilio_flex import flows_from_yaml

flows = flows_from_yaml("flows.yaml")
pulumi.export("sids", {name: flow.sid for name, flow in flows.items()})
pulumi.export("urls", {name: flow.url for name, flow in flows.items()})
