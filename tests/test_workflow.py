"""The GitHub Pages workflow: its supply chain checked by zizmor, offline."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

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
