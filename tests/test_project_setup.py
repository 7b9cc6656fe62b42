"""How the project installs and how its test run reports: what a new user sees first."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_license_is_an_spdx_expression_so_install_prints_no_deprecation_box():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert project["project"]["license"] == "MIT"
    # setuptools reads a plain SPDX string from version 77 on; older ones reject it.
    assert "setuptools>=77" in project["build-system"]["requires"]
    assert not any(c.startswith("License ::") for c in project["project"].get("classifiers", []))


def test_without_postgresql_the_run_says_so_in_one_line():
    env = {k: v for k, v in os.environ.items() if k != "TEST_DATABASE_URL"}
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
         "tests/test_migrations.py", "-k", "quick_head or schema_matches"],
        capture_output=True, text=True, env=env, cwd=ROOT, timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "SKIPPED" not in done.stdout
    summary = [line for line in done.stdout.splitlines() if line.startswith("PostgreSQL:")]
    assert summary == [
        "PostgreSQL: 2 tests not run; set TEST_DATABASE_URL to run them"
    ]
