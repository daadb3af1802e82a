"""The GitHub Pages workflow: its supply chain checked by zizmor, offline; what its test job
installs."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import yaml

from conftest import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"
ZIZMOR = Path(sys.executable).parent / "zizmor"  # pinned in requirements-dev.txt


def test_zizmor_finds_nothing_in_the_workflows():
    result = subprocess.run([str(ZIZMOR), "--offline", "--persona=auditor", "--format=json",
                             str(WORKFLOWS)], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    findings = json.loads(result.stdout)
    assert [(f["ident"], f["desc"]) for f in findings] == []


def test_every_action_is_pinned_to_a_commit_with_its_version_beside_it():
    uses = [line.strip() for path in WORKFLOWS.glob("*.yml")
            for line in path.read_text(encoding="utf-8").splitlines() if "uses:" in line]
    assert uses
    for line in uses:
        assert re.fullmatch(r"(- )?uses: [\w.-]+/[\w.-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+", line), line


def test_the_test_job_installs_the_debian_packages_the_tests_need():
    # .ci/run names what a bare Debian machine lacks; the runner brings Chrome, Java, Node and
    # make, so everything else .ci/run installs must be installed by the workflow's test job.
    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    needed = set(re.findall(r"need\+=\(([\w.-]+)\)", script))
    needed |= set(re.search(r"for font in ([^;]+);", script).group(1).split())
    runner_has = {"chromium", "default-jre-headless", "nodejs", "npm", "make"}
    workflow = yaml.safe_load((WORKFLOWS / "pages.yml").read_text(encoding="utf-8"))
    installed = {word for step in workflow["jobs"]["test"]["steps"]
                 if "apt-get install" in step.get("run", "")
                 for word in step["run"].split("apt-get install", 1)[1].split()
                 if not word.startswith("-")}
    assert needed - runner_has, script
    assert needed - runner_has <= installed, needed - runner_has - installed
