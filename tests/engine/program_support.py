"""Projects whose program is a few lines of Python, with a resource of another package to take Outputs from."""

from __future__ import annotations

import textwrap
from pathlib import Path

# A trivial resource of another package standing in for "other infrastructure": its outputs feed the flows.
HOOK_RESOURCE = """
import pulumi
from pulumi.dynamic import CreateResult, Resource, ResourceProvider


class _HookProvider(ResourceProvider):
    def create(self, props):
        return CreateResult(id_="hook-1", outs={"endpoint": "https://hooks.example.com/" + props["name"]})


class Hook(Resource):
    endpoint: pulumi.Output[str]

    def __init__(self, name):
        super().__init__(_HookProvider(), name, {"name": name, "endpoint": None})
"""


def program_project(project_factory, tmp_path: Path, body: str, name: str = "program"):
    """A project whose program is `body` (with `pulumi`, the package and a `Hook` resource imported)."""
    source = tmp_path / name
    source.mkdir()
    header = "import pulumi\nfrom pulumi_twilio_flex import FlexFlow, FlexFlowArgs, FlexFlowIntegrationArgs\n"
    (source / "__main__.py").write_text(header + HOOK_RESOURCE + textwrap.dedent(body))
    (source / "Pulumi.yaml").write_text(f"name: flex-{name}\nruntime: python\n")
    return project_factory(source)
