"""scripts/bootstrap-pulumi puts its shim in front of the v3.68 Python plugins, which then get Pulumi.yaml's virtualenv.

The bin dirs here hold stand-ins for Pulumi's files: a `pulumi` that prints its version, and plugins that print
the arguments, working directory and virtualenv they were started with, so what the shim hands on is visible.
The real CLI and host run the same way in test_template.py.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from engine_support import REPO

BOOTSTRAP = REPO / "scripts" / "bootstrap-pulumi"
OLD_HOST_PACKAGE = "github.com/pulumi/pulumi/sdk/v3/python/cmd/pulumi-language-python"
SHIMMED = ("pulumi-language-python", "pulumi-resource-pulumi-python")

# What each stand-in prints: its name, then one line per argument, the working directory and the virtualenv.
STAND_IN = """#!/bin/sh
# {marker}
echo "{name}"
for arg in "$@"; do echo "arg=$arg"; done
echo "cwd=$PWD"
echo "virtualenv=${{PULUMI_RUNTIME_VIRTUALENV:-}}"
"""


@pytest.fixture(scope="module", autouse=True)
def go_toolchain():
    if shutil.which("go") is None:
        if os.environ.get("CI"):
            pytest.fail("the shim is built with Go, which CI must have")
        pytest.skip("no Go toolchain to build the shim with")


def _bin_dir(root: Path, host_marker: str = OLD_HOST_PACKAGE) -> Path:
    """What an older bootstrap installed: pulumi v3.274.1 and the sdk/v3 language host, no shim."""
    bin_dir = root / "bin"
    bin_dir.mkdir(parents=True)
    files = {
        "pulumi": '#!/bin/sh\n[ "$1" = version ] && echo v3.274.1\n',
        "pulumi-language-python": STAND_IN.format(marker=host_marker, name="language host"),
        "pulumi-language-python-exec": "#!/bin/sh\n",
        "pulumi-resource-pulumi-python": STAND_IN.format(marker="dynamic provider", name="dynamic provider"),
    }
    for name, text in files.items():
        (bin_dir / name).write_text(text)
        (bin_dir / name).chmod(0o755)
    return bin_dir


def _bootstrap(bin_dir: Path, tmp_path: Path, on_path: Path | None = None) -> subprocess.CompletedProcess[str]:
    """The bootstrap for bin_dir, with no pulumi on PATH but on_path's and its build folder under tmp_path."""
    path = [p for p in os.environ["PATH"].split(os.pathsep) if not (Path(p) / "pulumi").exists()]
    path = [str(on_path), *path] if on_path else path
    env = {**os.environ, "PATH": os.pathsep.join(path), "PULUMI_BIN_DIR": str(bin_dir)}
    env.update(PULUMI_BUILD_DIR=str(tmp_path / "build"))
    env.pop("PULUMI_BOOTSTRAP_FORCE", None)
    done = subprocess.run(
        [str(BOOTSTRAP), "--print-bin-dir"], env=env, capture_output=True, text=True, timeout=900, check=False
    )
    assert done.returncode == 0, done.stderr
    return done


def _run(tool: Path, cwd: Path, *args: str, **env: str) -> dict[str, list[str]]:
    """Start a shimmed plugin as the CLI does; what the stand-in behind it printed, by field."""
    environ = {k: v for k, v in os.environ.items() if k != "PULUMI_RUNTIME_VIRTUALENV"} | env
    done = subprocess.run([str(tool), *args], cwd=cwd, env=environ, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    fields: dict[str, list[str]] = {"name": [lines[0]]}
    for line in lines[1:]:
        key, _, value = line.partition("=")
        fields.setdefault(key, []).append(value)
    return fields


def _project(root: Path, pulumi_yaml: str) -> Path:
    root.mkdir(parents=True)
    (root / "Pulumi.yaml").write_text(pulumi_yaml)
    (root / "src").mkdir()
    return root


@pytest.fixture(scope="module")
def shimmed(tmp_path_factory) -> Path:
    """A bin dir from an older bootstrap, brought up to date by today's."""
    root = tmp_path_factory.mktemp("shimmed")
    bin_dir = _bin_dir(root)
    done = _bootstrap(bin_dir, root)
    assert done.stdout.strip().splitlines()[-1] == str(bin_dir)
    return bin_dir


def test_an_older_bin_dir_gets_the_shim_in_front_of_both_plugins_which_it_keeps(shimmed):
    for tool in SHIMMED:
        assert "python-virtualenv-shim-" in (shimmed / tool).read_bytes().decode("latin-1"), tool
        assert (shimmed / f"{tool}.upstream").read_text().startswith("#!/bin/sh\n"), tool
    assert (shimmed / "pulumi-language-python-exec").read_text() == "#!/bin/sh\n"


def test_a_second_run_changes_nothing(shimmed, tmp_path):
    before = {p.name: (p.stat().st_ino, p.stat().st_mtime_ns) for p in shimmed.iterdir() if not p.name.startswith(".")}
    done = _bootstrap(shimmed, tmp_path)
    after = {p.name: (p.stat().st_ino, p.stat().st_mtime_ns) for p in shimmed.iterdir() if not p.name.startswith(".")}
    assert after == before
    assert "adding the virtualenv shim" not in done.stderr


def test_an_outdated_shim_is_replaced_and_the_upstream_files_kept(shimmed, tmp_path):
    bin_dir = tmp_path / "bin"
    shutil.copytree(shimmed, bin_dir, ignore=shutil.ignore_patterns(".*"))
    stale = (
        (bin_dir / "pulumi-language-python")
        .read_bytes()
        .replace(b"python-virtualenv-shim-", b"python-virtualenv-shim-0")
    )
    (bin_dir / "pulumi-language-python").write_bytes(stale)
    done = _bootstrap(bin_dir, tmp_path)
    assert "adding the virtualenv shim" in done.stderr
    assert (bin_dir / "pulumi-language-python").read_bytes() == (shimmed / "pulumi-language-python").read_bytes()
    assert (bin_dir / "pulumi-language-python.upstream").read_text().startswith("#!/bin/sh\n")


def test_a_language_host_that_reads_the_options_itself_is_left_alone(tmp_path):
    bin_dir = _bin_dir(tmp_path, host_marker="github.com/pulumi/pulumi/sdk/python/cmd/pulumi-language-python/v3")
    before = {p.name: p.read_bytes() for p in bin_dir.iterdir()}
    _bootstrap(bin_dir, tmp_path)
    assert {p.name: p.read_bytes() for p in bin_dir.iterdir() if not p.name.startswith(".")} == before


def test_an_older_bin_dir_found_on_path_elsewhere_is_used_as_it_is_with_a_warning_saying_how_to_add_the_shim(
    tmp_path,
):
    other = _bin_dir(tmp_path / "other")
    before = {p.name: p.read_bytes() for p in other.iterdir()}
    done = _bootstrap(tmp_path / "mine", tmp_path, on_path=other)
    assert done.stdout.strip().splitlines()[-1] == str(other)
    assert f"the shim that passes it on: PULUMI_BIN_DIR={other} scripts/bootstrap-pulumi" in done.stderr
    assert {p.name: p.read_bytes() for p in other.iterdir()} == before


@pytest.mark.parametrize("cwd", [".", "src"], ids=["program-at-root", "main-in-a-subfolder"])
def test_the_host_gets_a_relative_virtualenv_with_the_project_root(shimmed, tmp_path, cwd):
    project = _project(tmp_path / "proj", "name: p\nruntime:\n  name: python\n  options:\n    virtualenv: venv\n")
    seen = _run(shimmed / "pulumi-language-python", project / cwd, "127.0.0.1:4242")
    assert seen["name"] == ["language host"]
    assert seen["arg"] == ["-virtualenv", "venv", "-root", str(project), "127.0.0.1:4242"]


def test_the_host_gets_an_absolute_virtualenv_as_written(shimmed, tmp_path):
    venv = tmp_path / "elsewhere" / "venv"
    project = _project(tmp_path / "proj", f"name: p\nruntime: {{name: python, options: {{virtualenv: '{venv}'}}}}\n")
    seen = _run(shimmed / "pulumi-language-python", project, "127.0.0.1:4242")
    assert seen["arg"] == ["-virtualenv", str(venv), "-root", str(project), "127.0.0.1:4242"]


@pytest.mark.parametrize(
    "pulumi_yaml",
    ["name: p\nruntime: python\n", "name: p\nruntime:\n  name: python\n  options:\n    toolchain: pip\n"],
    ids=["runtime-name-only", "options-without-virtualenv"],
)
def test_without_the_option_the_host_gets_only_the_engine_address(shimmed, tmp_path, pulumi_yaml):
    project = _project(tmp_path / "proj", pulumi_yaml)
    assert _run(shimmed / "pulumi-language-python", project, "127.0.0.1:4242")["arg"] == ["127.0.0.1:4242"]


def test_outside_any_project_the_host_gets_only_the_engine_address(shimmed, tmp_path):
    assert _run(shimmed / "pulumi-language-python", tmp_path, "127.0.0.1:4242")["arg"] == ["127.0.0.1:4242"]


def test_a_virtualenv_given_on_the_command_line_is_kept(shimmed, tmp_path):
    project = _project(tmp_path / "proj", "name: p\nruntime:\n  name: python\n  options:\n    virtualenv: venv\n")
    seen = _run(shimmed / "pulumi-language-python", project, "-virtualenv=other", "127.0.0.1:4242")
    assert seen["arg"] == ["-virtualenv=other", "127.0.0.1:4242"]


def test_a_virtualenv_that_is_not_a_string_fails_naming_the_option_and_the_file(shimmed, tmp_path):
    project = _project(tmp_path / "proj", "name: p\nruntime:\n  name: python\n  options:\n    virtualenv: [a, b]\n")
    done = subprocess.run(
        [str(shimmed / "pulumi-language-python"), "127.0.0.1:4242"], cwd=project, capture_output=True, text=True
    )
    assert done.returncode == 1
    assert done.stdout == ""  # the CLI reads a port from stdout
    assert done.stderr == (
        f"pulumi-language-python: runtime.options.virtualenv in {project / 'Pulumi.yaml'}: must be a path (a string)\n"
    )


@pytest.mark.parametrize("cwd", [".", "src"], ids=["program-at-root", "main-in-a-subfolder"])
def test_the_provider_gets_a_relative_virtualenv_made_absolute_against_the_project_root(shimmed, tmp_path, cwd):
    project = _project(tmp_path / "proj", "name: p\nruntime:\n  name: python\n  options:\n    virtualenv: venv\n")
    seen = _run(
        shimmed / "pulumi-resource-pulumi-python", project / cwd, "127.0.0.1:4242", PULUMI_RUNTIME_VIRTUALENV="venv"
    )
    assert seen["name"] == ["dynamic provider"]
    assert seen["virtualenv"] == [str(project / "venv")]
    assert seen["arg"] == ["127.0.0.1:4242"]
    assert seen["cwd"] == [str(project / cwd)]


def test_the_provider_keeps_an_absolute_virtualenv_and_no_virtualenv(shimmed, tmp_path):
    project = _project(tmp_path / "proj", "name: p\nruntime: python\n")
    absolute = str(tmp_path / "venv")
    provider = shimmed / "pulumi-resource-pulumi-python"
    assert _run(provider, project, PULUMI_RUNTIME_VIRTUALENV=absolute)["virtualenv"] == [absolute]
    assert _run(provider, project)["virtualenv"] == [""]
