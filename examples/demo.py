"""The repository's own Pulumi program: every example flow in one stack (see ../Pulumi.yaml)."""

import runpy
from pathlib import Path

import pulumi

HERE = Path(__file__).resolve().parent

for example in ("studio", "external-webhook", "task-routing"):
    # Each example exports `sid` and `url`; re-export them under the example's name.
    exports: dict = {}
    real_export = pulumi.export
    pulumi.export = lambda name, value, _e=exports: _e.__setitem__(name, value)  # type: ignore[assignment]
    try:
        runpy.run_path(str(HERE / example / "__main__.py"), run_name="__main__")
    finally:
        pulumi.export = real_export
    for name, value in exports.items():
        pulumi.export(f"{example}_{name}", value)
