"""Run benchmarks: `python tests/bench/run.py NAME…` (no NAME: list them).

Each benchmark is tests/bench/bench_NAME.py with a `main() -> str` that measures ours and
the floor side by side in one run and returns its summary line
`NAME ratio=R goal=G ours=… floor=…` (R = ours / floor), printed last."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))  # the repository, for `partydesk` and `ui`


def available() -> list[str]:
    return sorted(p.stem.removeprefix("bench_") for p in HERE.glob("bench_*.py"))


def run(name: str) -> str:
    path = HERE / f"bench_{name}.py"
    if not path.exists():
        raise SystemExit(f"没有名为 {name} 的基准测试。可用：{', '.join(available())}")
    spec = importlib.util.spec_from_file_location(f"bench_{name}", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod.main()


def main(argv: list[str]) -> int:
    if not argv:
        print("benchmarks:", " ".join(available()))
        return 0
    lines = [run(n) for n in argv]
    for line in lines[:-1]:
        print(line)
    print(lines[-1])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
