"""Rewrite the graph in docs/architecture.md from the declaration:  python docs/update_graph.py  (or make docs)."""
from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline.stages import GRAPH  # noqa: E402 - after the path set-up so that the script runs from anywhere

DOC = ROOT / "docs" / "architecture.md"
BLOCK = re.compile(r"(<!-- graph:start -->\n```mermaid\n).*?(\n```\n<!-- graph:end -->)", re.S)


def main() -> int:
    text = DOC.read_text(encoding="utf-8")
    if not BLOCK.search(text):
        print(f"{DOC}: no <!-- graph:start --> … <!-- graph:end --> block", file=sys.stderr)
        return 1
    DOC.write_text(BLOCK.sub(lambda m: m.group(1) + GRAPH.mermaid() + m.group(2), text), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
