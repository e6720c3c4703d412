"""Licence, changelog and version: one version, in `_version.py`, and the changelog's latest release matches it."""

from __future__ import annotations

import re

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10: pytest depends on tomli there
    import tomli as tomllib  # type: ignore[no-redef]

from engine_support import REPO

from pulumi_twilio_flex._version import __version__

RELEASE = re.compile(r"^## \[(?P<version>\d+\.\d+\.\d+)\] - (?P<date>\d{4}-\d{2}-\d{2})$")
KINDS = {"Added", "Changed", "Deprecated", "Removed", "Fixed", "Security"}  # Keep a Changelog 1.1.0


def _changelog_lines() -> list[str]:
    return (REPO / "CHANGELOG.md").read_text().splitlines()


def _releases() -> list[tuple[str, str]]:
    return [(m["version"], m["date"]) for line in _changelog_lines() if (m := RELEASE.match(line))]


def test_changelog_latest_release_is_the_package_version():
    releases = _releases()
    assert releases, "CHANGELOG.md has no release heading like `## [0.1.0] - 2026-01-31`"
    assert releases[0][0] == __version__


def test_changelog_follows_keep_a_changelog():
    lines = _changelog_lines()
    assert lines[0] == "# Changelog"
    assert any("keepachangelog.com" in line for line in lines[:10])
    h2 = [line for line in lines if line.startswith("## ")]
    assert h2[0] == "## [Unreleased]"
    assert all(RELEASE.match(line) for line in h2[1:]), [line for line in h2[1:] if not RELEASE.match(line)]
    kinds = {line.removeprefix("### ") for line in lines if line.startswith("### ")}
    assert kinds <= KINDS, kinds - KINDS
    versions = [tuple(int(n) for n in v.split(".")) for v, _ in _releases()]
    dates = [d for _, d in _releases()]
    assert versions == sorted(versions, reverse=True) and len(set(versions)) == len(versions)
    assert dates == sorted(dates, reverse=True)


def test_version_is_kept_in_one_place():
    project = tomllib.loads((REPO / "pyproject.toml").read_text())
    assert "version" not in project["project"]
    assert "version" in project["project"]["dynamic"]
    version_attr = project["tool"]["setuptools"]["dynamic"]["version"]["attr"]
    assert version_attr == "pulumi_twilio_flex._version.__version__"


def test_licence_is_apache_2_0_in_the_file_the_metadata_and_the_readme():
    licence = (REPO / "LICENSE").read_text()
    assert "Apache License" in licence and "Version 2.0, January 2004" in licence
    assert "END OF TERMS AND CONDITIONS" in licence
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    assert project["license"] == "Apache-2.0"
    assert project["license-files"] == ["LICENSE"]
    assert "Apache-2.0" in (REPO / "README.md").read_text()
