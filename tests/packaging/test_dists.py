"""The sdist and the wheel pass `twine check`, and the wheel carries the whole package and nothing else."""

from __future__ import annotations

import subprocess
import sys
import tarfile
import zipfile
from email.parser import HeaderParser
from pathlib import Path

from engine_support import REPO
from packaging.requirements import Requirement
from packaging_support import PACKAGE, tracked_files

from pulumi_twilio_flex._version import __version__

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10: pytest depends on tomli there
    import tomli as tomllib  # type: ignore[no-redef]


def _wheel_names(wheel: Path) -> set[str]:
    with zipfile.ZipFile(wheel) as archive:
        return set(archive.namelist())


def _wheel_text(wheel: Path, name: str) -> str:
    with zipfile.ZipFile(wheel) as archive:
        return archive.read(name).decode()


def test_twine_check_is_clean(dists):
    done = subprocess.run(
        [sys.executable, "-m", "twine", "check", "--strict", str(dists.sdist), str(dists.wheel)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    output = done.stdout + done.stderr
    assert done.returncode == 0, output
    assert output.count("PASSED") == 2, output
    assert "WARNING" not in output and "ERROR" not in output, output


def test_dist_file_names_carry_the_version(dists):
    assert dists.wheel.name == f"{PACKAGE}-{__version__}-py3-none-any.whl"
    assert dists.sdist.name == f"{PACKAGE}-{__version__}.tar.gz"


def test_wheel_holds_the_typed_marker_and_every_tracked_package_file(dists):
    names = _wheel_names(dists.wheel)
    assert f"{PACKAGE}/py.typed" in names
    package_files = tracked_files(REPO, f"provider/{PACKAGE}")
    assert any(not p.endswith(".py") for p in package_files)  # py.typed at least: the check below is not vacuous
    expected = {p.removeprefix("provider/") for p in package_files}
    missing = sorted(expected - names)
    assert not missing, (
        f"files of the package missing from the wheel: {missing}; "
        "add their pattern to [tool.setuptools.package-data] in pyproject.toml"
    )


def test_wheel_holds_nothing_but_the_package_and_its_metadata(dists):
    names = _wheel_names(dists.wheel)
    top = {name.split("/", 1)[0] for name in names}
    assert top == {PACKAGE, f"{PACKAGE}-{__version__}.dist-info"}
    assert not [n for n in names if "__pycache__" in n or n.endswith((".pyc", ".pyo"))]


def test_wheel_metadata_names_the_licence_version_and_dependencies(dists):
    dist_info = f"{PACKAGE}-{__version__}.dist-info"
    metadata = HeaderParser().parsestr(_wheel_text(dists.wheel, f"{dist_info}/METADATA"))
    assert metadata["Name"] == "pulumi-twilio-flex"
    assert metadata["Version"] == __version__
    assert metadata["License-Expression"] == "Apache-2.0"
    assert metadata["License-File"] == "LICENSE"
    assert metadata["Description-Content-Type"] == "text/markdown"
    runtime = [Requirement(r) for r in metadata.get_all("Requires-Dist") or [] if "extra ==" not in r]
    declared = [Requirement(r) for r in tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["dependencies"]]
    assert {(r.name, r.specifier) for r in runtime} == {(r.name, r.specifier) for r in declared}
    assert {"pulumi", "requests"} <= {r.name for r in runtime}
    assert _wheel_text(dists.wheel, f"{dist_info}/licenses/LICENSE") == (REPO / "LICENSE").read_text()
    entry_points = _wheel_text(dists.wheel, f"{dist_info}/entry_points.txt")
    assert f"flex-api-emulator = {PACKAGE}.emulator.__main__:main" in entry_points


def test_sdist_holds_the_licence_and_the_package_sources(dists):
    with tarfile.open(dists.sdist) as archive:
        names = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
    assert {"LICENSE", "README.md", "pyproject.toml", "PKG-INFO"} <= names
    expected = set(tracked_files(REPO, f"provider/{PACKAGE}"))
    assert not sorted(expected - names)
