"""``python -m pipeline``: the command line."""
import atexit
import logging
import os
import sys

from pipeline.cli import main

code = main()
if sys.getprofile() is not None or sys.gettrace() is not None:
    # under a profiler, tracer or debugger (python -m cProfile -m pipeline …): a normal exit, so that it
    # writes its results
    raise SystemExit(code)
# Tearing the interpreter down (every module and table freed one by one) took 0.7 s after a run had written
# everything, a twentieth of the run: exit at once instead, once the exit handlers, the logs and the standard
# streams are done. (`main` itself returns normally, for tests and notebooks.)
atexit._run_exitfuncs()
logging.shutdown()
for stream in (sys.stdout, sys.stderr):
    try:
        stream.flush()
    except (OSError, ValueError):   # a reader that closed the pipe early (`| head`) or a closed stream
        pass
os._exit(code)
