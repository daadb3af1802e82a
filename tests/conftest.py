"""Shared fixtures: the project's site built once per test session, and tiny sites in tmp_path."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# The hooks' folder on the import path, as MkDocs puts it there while it loads a hook.
sys.path.insert(0, str(ROOT / "hooks"))
BUILD_EPOCH = "1734307200"  # 2024-12-16, any fixed value makes builds reproducible

# What a copy of the project needs to build; everything else (venv, site, caches) stays behind.
_NOT_COPIED = {".git", ".venv", "site", "node_modules", "test-artifacts", ".pytest_cache",
               ".hypothesis", "__pycache__"}


def run_mkdocs(*args: str, cwd: Path = ROOT, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run the mkdocs command line of this interpreter; output captured as text."""
    full_env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    return subprocess.run([sys.executable, "-m", "mkdocs", *args], cwd=cwd, env=full_env,
                          capture_output=True, text=True, check=False)


def build_project(dest: Path, *, cwd: Path = ROOT, env: dict | None = None) -> subprocess.CompletedProcess:
    """`mkdocs build --strict` of the project (or a copy of it) into dest."""
    return run_mkdocs("build", "--strict", "--site-dir", str(dest), cwd=cwd,
                      env={"SOURCE_DATE_EPOCH": BUILD_EPOCH, **(env or {})})


def copy_project(dest: Path) -> Path:
    """A copy of the project's sources, for tests that must not touch the checkout."""
    shutil.copytree(ROOT, dest, ignore=lambda _dir, names: [n for n in names if n in _NOT_COPIED])
    return dest


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory) -> Path:
    """The project's site, built once with --strict; the build must pass."""
    dest = tmp_path_factory.mktemp("site")
    result = build_project(dest)
    assert result.returncode == 0, result.stderr
    return dest


@pytest.fixture
def tiny_site(tmp_path):
    """Factory: write a small site with the project's hooks into tmp_path and build it in-process.

    tiny_site({"index.md": "..."}, config="hooks: [...]", files={"sources.yml": "..."})
    returns the site directory. Raises what the build raises (PluginError, Abort).
    """
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    def make(pages: dict[str, str], *, config: str = "", files: dict[str, str] | None = None,
             strict: bool = False) -> Path:
        docs = tmp_path / "docs"
        docs.mkdir(exist_ok=True)
        for name, text in pages.items():
            (docs / name).parent.mkdir(parents=True, exist_ok=True)
            (docs / name).write_text(textwrap.dedent(text), encoding="utf-8")
        for name, text in (files or {}).items():
            (tmp_path / name).write_text(textwrap.dedent(text), encoding="utf-8")
        cfg = tmp_path / "mkdocs.yml"
        cfg.write_text("site_name: Test\nuse_directory_urls: true\n" + textwrap.dedent(config),
                       encoding="utf-8")
        conf = load_config(str(cfg), site_dir=str(tmp_path / "site"), strict=strict)
        build(conf)
        return tmp_path / "site"

    return make


def hook_path(name: str) -> str:
    """Absolute path of one of the project's hook modules, for a tiny site's `hooks:`."""
    return str(ROOT / "hooks" / f"{name}.py")
