"""Spot-check: inspect --json per small export against truth.json; prints right/total."""
import json, subprocess, sys
from pathlib import Path
HERE = Path(__import__("os").environ.get("OUT", "/tmp/small_surveys")); HERE.mkdir(parents=True, exist_ok=True)
truth = {}
for t in sys.argv[1:] if len(sys.argv) > 1 and not sys.argv[1].startswith("-") else ["truth.json", "truth2.json"]:
    t = t if (HERE / t).exists() else str(Path(__file__).resolve().parent / t)
    if (HERE / t).exists(): truth.update(json.loads((HERE / t).read_text(encoding="utf-8")))
truth = {k: v for k, v in truth.items()}
right = total = 0
for name, expected in truth.items():
    out = subprocess.run(["/work/main/.venv/bin/python", "-m", "pipeline", "inspect", name if name.startswith("tests/") else str(HERE / name), "--json"],
                         capture_output=True, text=True, cwd=__import__("os").environ.get("CHECK_ROOT", "/work/main"))
    if out.returncode:
        print(name, "FAILED", out.stderr.strip()[:300]); total += len(expected); continue
    info = json.loads(out.stdout)
    qs = info["questions"]
    for header, kind in expected:
        found = [q for q in qs if header in q["columns"]]
        got = found[0]["type"] if found else "(none)"
        total += 1; right += got == kind
        if got != kind or "-v" in sys.argv:
            print(f"  {'OK ' if got == kind else 'BAD'} {name[:28]:28} {header[:60]:60} want {kind:10} got {got}")
print(f"right {right}/{total}")
