"""The README's template steps as a shell script, and the plain shell a user types them into.

The commands come from the README itself, so the test that runs them and the text users follow cannot drift:
only the values of `pulumi config set` lines (placeholders such as `<your auth token>`) are replaced.
"""

from __future__ import annotations

import os
import re
import shlex
from dataclasses import dataclass
from pathlib import Path

FENCED_SH = re.compile(r"^```sh\n(.*?)^```$", re.MULTILINE | re.DOTALL)
CONFIG_SET = re.compile(r"^pulumi config set (?P<secret>--secret )?(?P<key>\S+) (?P<value>.*?)(?P<comment>\s+#.*)?$")
# What a user's shell must not hold for the steps to count as run without a workaround.
WORKAROUNDS = ("VIRTUAL_ENV", "PULUMI_PYTHON_CMD", "PYTHONPATH", "PYTHONHOME", "CONDA_PREFIX")


@dataclass(frozen=True)
class Steps:
    """The README's commands after `pulumi new ... --generate-only`, with the test's config values in."""

    commands: list[str]
    configured: dict[str, bool]  # config key -> set with --secret

    def script(self) -> str:
        return "set -euo pipefail\n" + "\n".join(self.commands) + "\n"


def template_steps(readme: str) -> list[str]:
    """The lines of the one fenced `sh` block that starts with `pulumi new ... --generate-only`."""
    blocks = [block.splitlines() for block in FENCED_SH.findall(readme)]
    found = [
        lines for lines in blocks if lines and lines[0].startswith("pulumi new ") and "--generate-only" in lines[0]
    ]
    assert len(found) == 1, f"expected one README block starting with `pulumi new ... --generate-only`, found {found}"
    return [line for line in found[0] if line.strip()]


def with_config_values(lines: list[str], values: dict[str, str]) -> Steps:
    """`lines` with each `pulumi config set KEY VALUE` given `values[KEY]`; every other line is kept as it is."""
    commands: list[str] = []
    configured: dict[str, bool] = {}
    for line in lines:
        found = CONFIG_SET.match(line)
        if found is None:
            commands.append(line)
            continue
        key = found["key"]
        assert key in values, f"the README sets {key}, which the test has no value for"
        configured[key] = bool(found["secret"])
        commands.append(f"pulumi config set {found['secret'] or ''}{key} {shlex.quote(values[key])}")
    return Steps(commands, configured)


def is_virtualenv_bin(entry: str) -> bool:
    """Whether a PATH entry is the bin folder of a virtualenv (its parent holds `pyvenv.cfg`)."""
    return bool(entry) and (Path(entry).parent / "pyvenv.cfg").is_file()


def plain_shell_env(bin_dir: Path, root: Path, passphrase: str) -> dict[str, str]:
    """A user's shell: the pulumi bin folder first on PATH as the README says, no virtualenv anywhere.

    Pulumi gets its own home and a file backend under `root` (what `pulumi login file://...` would give) and,
    as in CI, runs without prompts (`PULUMI_SKIP_CONFIRMATIONS` answers yes, as `--yes` would).
    """
    (root / "home").mkdir(exist_ok=True)
    (root / "state").mkdir(exist_ok=True)
    inherited = {
        k: v for k, v in os.environ.items() if not k.startswith(("PULUMI_", "TWILIO_", "PIP_")) and k not in WORKAROUNDS
    }
    path = [str(bin_dir)] + [p for p in os.environ.get("PATH", "").split(os.pathsep) if not is_virtualenv_bin(p)]
    inherited.update(
        PATH=os.pathsep.join(path),
        PULUMI_HOME=str(root / "home"),
        PULUMI_BACKEND_URL=f"file://{root / 'state'}",
        PULUMI_CONFIG_PASSPHRASE=passphrase,
        PULUMI_SKIP_UPDATE_CHECK="true",
        PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION="true",
        PULUMI_SUPPRESS_COPILOT_LINK="true",
        PULUMI_SKIP_CONFIRMATIONS="true",
        PIP_DISABLE_PIP_VERSION_CHECK="1",
    )
    return inherited
