"""Packaging fixtures: the sdist and wheel built once per session, and the wheel installed in a fresh virtualenv.

Everything happens in temporary directories outside the checkout, so what the tests see is what a user who
installs the wheel gets, not the editable checkout.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "engine"))  # engine_support is shared with tests/engine
from engine_support import REPO, pulumi_bin_dir_for_tests  # noqa: E402
from packaging_support import WheelEmulator, run_checked, tracked_files  # noqa: E402


@dataclass(frozen=True)
class Dists:
    sdist: Path
    wheel: Path


@dataclass(frozen=True)
class WheelVenv:
    """A virtualenv holding the wheel and its dependencies, and nothing of the checkout."""

    root: Path

    @property
    def bin(self) -> Path:
        return self.root / "bin"

    @property
    def python(self) -> Path:
        return self.bin / "python"

    def env(self) -> dict[str, str]:
        """The environment of a shell that activated this virtualenv, with nothing pointing at the checkout."""
        env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME")}
        env.update(VIRTUAL_ENV=str(self.root), PATH=f"{self.bin}{os.pathsep}{env.get('PATH', '')}")
        return env


@pytest.fixture(scope="session")
def dists(tmp_path_factory) -> Dists:
    """`python -m build` on a copy of the files git knows (as a clean clone has them), into a temporary folder."""
    source = tmp_path_factory.mktemp("source")
    for relative in tracked_files(REPO):
        target = source / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(REPO / relative, target)
    out = tmp_path_factory.mktemp("dist")
    run_checked([sys.executable, "-m", "build", "--outdir", str(out), str(source)], cwd=out, timeout=900)
    sdists, wheels = sorted(out.glob("*.tar.gz")), sorted(out.glob("*.whl"))
    assert len(sdists) == 1 and len(wheels) == 1, sorted(p.name for p in out.iterdir())
    return Dists(sdists[0], wheels[0])


@pytest.fixture(scope="session")
def wheel_venv(dists, tmp_path_factory) -> WheelVenv:
    """A fresh virtualenv outside the checkout with the wheel installed from PyPI-resolved dependencies.

    The dependencies are constrained to the versions of this test environment: pip then finds them in its cache,
    and the wheel runs against the same Pulumi SDK as the rest of the suite.
    """
    root = tmp_path_factory.mktemp("wheel-venv") / "venv"
    run_checked([sys.executable, "-m", "venv", str(root)], cwd=root.parent, timeout=300)
    freeze = run_checked([sys.executable, "-m", "pip", "freeze", "--exclude-editable"], cwd=root.parent)
    pins = [line for line in freeze.splitlines() if "==" in line and not line.startswith("pulumi-twilio-flex")]
    constraints = root.parent / "constraints.txt"
    constraints.write_text("\n".join(pins) + "\n")
    venv = WheelVenv(root)
    run_checked(
        [str(venv.python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
        + ["--constraint", str(constraints), str(dists.wheel)],
        cwd=root.parent,
        env=venv.env(),
        timeout=900,
    )
    return venv


@pytest.fixture(scope="session")
def pulumi_bin_dir() -> Path:
    """The pulumi CLI for the engine tests of the installed wheel (same rules as tests/engine)."""
    return pulumi_bin_dir_for_tests()


@pytest.fixture
def wheel_emulator(wheel_venv, tmp_path) -> Iterator[WheelEmulator]:
    """The emulator started from the wheel's console script, in a folder outside the checkout."""
    with WheelEmulator.start(wheel_venv.bin / "flex-api-emulator", cwd=tmp_path, env=wheel_venv.env()) as emulator:
        yield emulator
