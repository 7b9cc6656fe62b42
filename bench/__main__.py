"""Run every benchmark (or those named on the command line) and print their figures."""

from __future__ import annotations

import importlib
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _modules() -> list[str]:
    return sorted(p.stem for p in HERE.glob("bench_*.py"))


def main(argv: list[str]) -> int:
    wanted = argv or _modules()
    failed = []
    for name in wanted:
        module_name = name if name.startswith("bench_") else f"bench_{name}"
        print(f"\n== {module_name} ==", flush=True)
        started = time.perf_counter()
        try:
            importlib.import_module(f"bench.{module_name}").run()
        except Exception as error:  # one broken benchmark must not hide the others' figures
            failed.append(module_name)
            print(f"{module_name} failed: {type(error).__name__}: {error}")
        print(f"({module_name} took {time.perf_counter() - started:.1f} s)", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
