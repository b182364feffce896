"""The apps' layers hold (docs/architecture.md): import-linter's contracts in pyproject.toml,
checked here so that CI's `make test` fails on an import from a lower layer up."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_each_app_imports_only_from_the_layers_below_it_and_the_pipeline_knows_no_django():
    result = subprocess.run(
        [str(Path(sys.executable).with_name("lint-imports")), "--no-cache"],
        cwd=ROOT,
        # This checkout's packages, not those of another one an editable install points at.
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Contracts: 2 kept, 0 broken." in result.stdout
