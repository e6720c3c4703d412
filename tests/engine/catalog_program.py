"""The Pulumi program of the adoption and catalog engine tests: every flow of flows.yaml beside it.

`flex:retainOnDelete` true declares them all with Pulumi's `retain_on_delete`.
"""

import pulumi

from pulumi_twilio_flex import flows_from_yaml

retain = pulumi.Config("flex").get_bool("retainOnDelete") or False
for name, flow in flows_from_yaml("flows.yaml", opts=pulumi.ResourceOptions(retain_on_delete=retain)).items():
    pulumi.export(f"{name}_sid", flow.sid)
