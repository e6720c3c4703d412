"""Engine fixtures: the real pulumi CLI, a fresh project and stack per test, the session's emulator."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from engine_support import REPO, PulumiProject, pulumi_bin_dir_for_tests


@pytest.fixture(scope="session")
def pulumi_bin_dir() -> Path:
    return pulumi_bin_dir_for_tests()


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
