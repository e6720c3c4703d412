"""Every folder under examples/ deploys, previews clean and destroys on the real engine."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.engine

EXAMPLES = ["studio", "external-webhook", "task-routing"]


@pytest.mark.parametrize("example", EXAMPLES)
def test_example_deploys_and_destroys(example, project_factory, examples_dir, emulator):
    project = project_factory(examples_dir / example)
    outputs = project.up()
    flow = emulator.api().fetch(outputs["sid"])
    assert outputs["url"] == flow["url"]
    project.run("preview", "--expect-no-changes")
    project.run("destroy", "--yes", "--skip-preview")
    assert list(emulator.api().list()) == []


def test_every_example_folder_is_covered(examples_dir):
    folders = sorted(p.name for p in examples_dir.iterdir() if (p / "Pulumi.yaml").is_file())
    assert folders == sorted(EXAMPLES)
    for folder in folders:
        assert (examples_dir / folder / "README.md").is_file(), folder
