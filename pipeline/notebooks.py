"""Execute the analysis notebooks on a run's outputs: ``python -m pipeline.notebooks NOTEBOOK OUTPUT``.

The notebooks find the processed tables through ``PIPELINE_OUT`` (see ``pipeline.config``); this module
sets it for the kernel, runs every cell with nbclient and returns the executed notebook.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

from pipeline.config import REPO_ROOT


def executed_notebook(path: Path, out_dir: Path, timeout: int = 600):
    """Return notebook ``path`` executed top to bottom with ``PIPELINE_OUT=out_dir``, run from its folder."""
    import nbformat
    from nbclient import NotebookClient

    notebook = nbformat.read(path, as_version=4)
    previous = os.environ.get("PIPELINE_OUT")
    os.environ["PIPELINE_OUT"] = str(Path(out_dir).resolve())
    try:
        NotebookClient(notebook, timeout=timeout, kernel_name="python3",
                       resources={"metadata": {"path": str(path.parent)}}).execute()
    finally:
        if previous is None:
            os.environ.pop("PIPELINE_OUT", None)
        else:
            os.environ["PIPELINE_OUT"] = previous
    return notebook


def main(argv: list[str]) -> int:
    import nbformat

    from pipeline.io import write_text_atomic

    if len(argv) != 2:
        print("usage: python -m pipeline.notebooks NOTEBOOK OUTPUT", file=sys.stderr)
        return 2
    from nbclient.exceptions import CellExecutionError

    source, target = Path(argv[0]), Path(argv[1])
    out_dir = Path(os.environ.get("PIPELINE_OUT", REPO_ROOT))
    try:
        notebook = executed_notebook(source, out_dir)
    except CellExecutionError as exc:
        # the pipeline's own refusal (a public run has no open answers; the folder holds another project's run)
        # is one line, as on the command line, not a screen of coloured traceback (QA round 25)
        what = exc.evalue if exc.ename in ("InputError", "ConfigError") else f"{exc.ename}: {exc.evalue}"
        print(f"error: {source.name}: {what}", file=sys.stderr)
        return 2
    target.parent.mkdir(parents=True, exist_ok=True)
    write_text_atomic(target, nbformat.writes(notebook))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
