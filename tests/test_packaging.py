"""`pip install .` (not editable) gives a working `meetloop` from any folder, templates included.

The wheel is built from a copy of the sources (the shared tree gets no build/
folder), installed without dependencies into a throw-away venv that borrows the
test venv's packages through a .pth line, and run from a folder outside the repo.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import sysconfig
import textwrap
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("service", "parsers", "store", "templates")
PACKAGE_DATA_SUFFIXES = (".txt", ".html", ".j2", ".md")


def _copy_sources(target: Path) -> Path:
    target.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, target / name)
    for package in PACKAGES:
        shutil.copytree(
            ROOT / package, target / package, ignore=shutil.ignore_patterns("__pycache__")
        )
    return target


def _run(*command: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [str(c) for c in command], cwd=cwd, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, f"{command}: {done.stdout}\n{done.stderr}"
    return done


def test_wheel_installs_a_working_command_with_templates(tmp_path):
    source = _copy_sources(tmp_path / "src")
    dist = tmp_path / "dist"
    _run(
        sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index",
        "--disable-pip-version-check", "-w", dist, source, cwd=tmp_path,
    )  # fmt: skip
    (wheel,) = dist.glob("meetloop-*.whl")

    with zipfile.ZipFile(wheel) as archive:
        inside = set(archive.namelist())
    shipped_templates = {
        p.relative_to(ROOT).as_posix()
        for p in (ROOT / "templates").rglob("*")
        if p.suffix in PACKAGE_DATA_SUFFIXES
    }
    assert shipped_templates and shipped_templates <= inside, shipped_templates - inside
    assert "store/migrations/0001_initial.py" in inside
    assert not any(name.startswith("tests/") for name in inside)

    venv = tmp_path / "venv"
    _run(sys.executable, "-m", "venv", "--without-pip", venv, cwd=tmp_path)
    python = venv / "bin" / "python"
    site = Path(
        _run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])", cwd=tmp_path)
        .stdout.strip()
    )  # fmt: skip
    # the dependencies (and pip) come from the test venv, after the venv's own packages
    (site / "test-venv-deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    _run(
        python, "-m", "pip", "install", "--no-deps", "--no-index", "--ignore-installed",
        "--disable-pip-version-check", wheel, cwd=tmp_path,
    )  # fmt: skip

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    meetloop = venv / "bin" / "meetloop"
    helped = _run(meetloop, "--help", cwd=elsewhere)
    assert "init" in helped.stdout and "doctor" in helped.stdout

    probe = textwrap.dedent(
        """
        import service, templates
        from service.render import render
        print(service.__file__)
        print(templates.__file__)
        mail = render("help", "zh", {"recipient": {"name": "张伟"}, "service": {"address": "meet@x.cn"}})
        print(mail.subject)
        """
    )
    printed = _run(python, "-c", probe, cwd=elsewhere).stdout.splitlines()
    assert printed[0].startswith(str(site)) and printed[1].startswith(str(site))
    assert printed[2].strip()

    (elsewhere / "meetloop.toml").write_text('[service]\nsecret = "0123456789abcdef0123"\n')
    initialised = _run(meetloop, "init", cwd=elsewhere)
    applied = sorted(p.stem for p in (ROOT / "store" / "migrations").glob("[0-9]*.py"))
    assert f"at schema version {len(applied)} (applied {', '.join(applied)})" in initialised.stdout
    assert (elsewhere / "var" / "meetloop.db").is_file()


def test_readme_starts_with_the_two_setup_commands():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    first_block = re.search(r"```\w*\n(.*?)```", text, re.S)
    assert first_block is not None
    assert text.index("```") < text.index("\n## ")  # before any section
    assert first_block.group(1).split("\n")[:-1] == ["./scripts/serve", "./scripts/test"]
    for script in ("serve", "test"):
        path = ROOT / "scripts" / script
        assert os.access(path, os.X_OK), path
        assert path.read_text().startswith("#!/usr/bin/env bash\n")
    assert os.access(ROOT / ".ci" / "run", os.X_OK)
    assert "./scripts/test" in (ROOT / ".ci" / "run").read_text()


def test_readme_names_only_commands_that_exist():
    from service.cli import build_parser

    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## The command line", 1)[1].split("\n## ", 1)[0]
    named = {
        snippet.split()[0]
        for row in section.splitlines()
        if row.startswith("| `")
        for snippet in re.findall(r"`([^`]+)`", row.split(" | ")[0])
    }
    parser = build_parser()
    commands = next(a for a in parser._actions if a.dest == "command").choices
    assert {"init", "serve", "doctor", "company", "person", "demo"} <= named
    assert named <= set(commands), named - set(commands)
