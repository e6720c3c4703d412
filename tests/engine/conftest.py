"""Engine fixtures: the real pulumi CLI, a fresh project and stack per test, the session's emulator."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from engine_support import REPO, PulumiProject, find_pulumi_bin_dir


@pytest.fixture(scope="session")
def pulumi_bin_dir() -> Path:
    try:
        return find_pulumi_bin_dir()
    except (RuntimeError, OSError) as exc:
        if os.environ.get("CI"):
            pytest.fail(f"the engine tests need the pulumi CLI and CI must run them: {exc}")
        pytest.skip(f"no pulumi CLI could be found or built ({exc}); run `make pulumi` first")


@pytest.fixture
def project_factory(tmp_path, pulumi_bin_dir, emulator):
    """Make a project from a source folder (an example, or the flows.json program) against the emulator."""

    def make(source: Path | None = None) -> PulumiProject:
        if source is None:
            source = tmp_path / "source"
            source.mkdir()
            shutil.copy(Path(__file__).parent / "flows_program.py", source / "__main__.py")
            (source / "Pulumi.yaml").write_text("name: flex-engine-test\nruntime: python\n")
        return PulumiProject.create(tmp_path / source.name, pulumi_bin_dir, source, emulator.config())

    return make


@pytest.fixture
def examples_dir() -> Path:
    return REPO / "examples"
