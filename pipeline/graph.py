"""The stage graph: stages declared as data, resolved by name, run in order, each result cached by its inputs.

A ``Stage`` wraps a pure function. Its name is what it returns and its parameter names are the tables (or
settings) it reads, as in Hamilton; ``Graph`` finds, for every parameter, the stage or run input of that name,
so the order of a run follows from the declaration alone. A stage that returns several tables at once
(``outputs``) returns a dict of them; a stage with ``map_over`` is called once per element of that input
(one feedback survey each) and returns a tuple.

``Graph.run`` works in two steps per stage. First the stage's **key**: a hash of its name, the code version
and the fingerprints of its inputs (a run input's fingerprint is given with it, e.g. the file's SHA-256; a
stage output's is the hash of its stored bytes). When the cache already holds that key, the outputs'
fingerprints are read from it and nothing is loaded or computed: a rerun with nothing changed reads no table
at all. Otherwise the inputs are loaded (from this run's memory, from the cache, or from a lazy run input),
the function runs, and its outputs are stored under their own content hash. Because downstream keys are made
from content hashes, a stage recomputed to the same result does not make its dependents run again.

A stage is skipped, with every output ``None``, when an input it needs is ``None`` (no needs survey in the
config: no needs stages); parameters with a default of ``None`` are optional and receive ``None``. A stage
marked ``parallel`` (a chart) starts in a worker process as soon as its inputs are there, and the run goes on
beside it; a stage that reads its outputs waits for it.
"""
from __future__ import annotations

import functools
import hashlib
import importlib
import inspect
import json
import logging
import os
import re
import time
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Mapping, Sequence

log = logging.getLogger("pipeline")

NONE = "none"  # the fingerprint of a missing value (a skipped stage's outputs, an absent run input)


@dataclass(frozen=True)
class Stage:
    """One step of the pipeline: ``func`` called with the values named by ``inputs`` (parameter → name).

    ``outputs`` names what it returns: one name (the stage's own), or several when ``func`` returns a dict
    with those keys. ``map_over`` names the parameter whose value is a sequence to call ``func`` on element by
    element (the result is a tuple, cached per element). ``cache`` false: the result is an object that is
    cheap to rebuild or cannot be stored (a coder); it is made only when a stage that reads it must run.
    ``parallel``: may run in a worker process beside other parallel stages (``preload``: modules to import
    before the workers are forked, so that each does not import them again; ``"module:function"`` also calls
    that function once in this process, to fill caches every worker then shares). ``lazy``: made (or loaded from
    the cache) only when a stage that reads it must run, and cached then; its fingerprint is its key.
    """

    name: str
    func: Callable[..., Any]
    inputs: Mapping[str, str]
    outputs: tuple[str, ...]
    optional: frozenset[str] = frozenset()
    map_over: str | None = None
    cache: bool = True
    parallel: bool = False
    fixed: Mapping[str, Any] = field(default_factory=dict)
    phase: str = ""
    preload: tuple[str, ...] = ()
    lazy: bool = False

    @property
    def label(self) -> str:
        """The phase of the run it belongs to (ingest, code, …), for the log and the manifest's seconds."""
        return self.phase or self.name

    @property
    def is_multi(self) -> bool:
        return self.outputs != (self.name,)


def stage(func: Callable[..., Any], *, name: str | None = None, outputs: Sequence[str] | None = None,
          rename: Mapping[str, str] | None = None, map_over: str | None = None, cache: bool = True,
          parallel: bool = False, fixed: Mapping[str, Any] | None = None, phase: str = "",
          preload: Sequence[str] = (), lazy: bool = False) -> Stage:
    """A ``Stage`` for ``func``: named after the function (or ``name``), reading the tables its parameters
    name (``rename`` maps a parameter to another table's name; ``fixed`` gives a parameter a constant)."""
    fixed = dict(fixed or {})
    params = [p for p in inspect.signature(func).parameters.values() if p.name not in fixed]
    rename = dict(rename or {})
    inputs = {p.name: rename.get(p.name, p.name) for p in params}
    optional = frozenset(p.name for p in params if p.default is None)
    stage_name = name or func.__name__
    return Stage(name=stage_name, func=func, inputs=inputs, outputs=tuple(outputs) if outputs else (stage_name,),
                 optional=optional, map_over=map_over, cache=cache, parallel=parallel, fixed=fixed, phase=phase,
                 preload=tuple(preload), lazy=lazy)


@dataclass(frozen=True)
class Source:
    """A run input: its ``fingerprint`` (what identifies its content) and its value, or a ``load`` callable
    that makes the value only when a stage that reads it must run."""

    fingerprint: str
    value: Any = None
    load: Callable[[], Any] | None = None
    elements: tuple[str, ...] | None = None  # per-element fingerprints of a sequence (for map_over)


class GraphError(ValueError):
    """The declaration is inconsistent (a name produced twice, an input nobody provides, a cycle)."""


def digest(*parts: Any) -> str:
    """SHA-256 hex digest of ``parts`` written as canonical JSON (keys sorted, non-JSON values by ``str``)."""
    text = json.dumps(parts, sort_keys=True, default=str, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class Graph:
    """Stages declared once; ``order`` gives the run order, ``run`` runs (a slice of) them."""

    def __init__(self, stages: Iterable[Stage]) -> None:
        self.stages: tuple[Stage, ...] = tuple(stages)
        self.producer: dict[str, Stage] = {}
        for s in self.stages:
            for name in s.outputs:
                if name in self.producer:
                    raise GraphError(f"{name} is produced by both {self.producer[name].name} and {s.name}")
                self.producer[name] = s
        self._order = self._toposort()
        self._run_order = self._parallel_first(self._order)
        self.downstream = self._downstream_counts()

    def _toposort(self) -> list[Stage]:
        done: set[str] = set()
        visiting: set[str] = set()
        order: list[Stage] = []

        def visit(s: Stage) -> None:
            if s.name in done:
                return
            if s.name in visiting:
                raise GraphError(f"stage {s.name} depends on itself")
            visiting.add(s.name)
            for name in s.inputs.values():
                if name in self.producer:
                    visit(self.producer[name])
            visiting.discard(s.name)
            done.add(s.name)
            order.append(s)

        for s in self.stages:
            visit(s)
        return order

    def _downstream_counts(self) -> dict[str, int]:
        """Stage name → how many stages read its outputs, directly or through others."""
        readers: dict[str, set[str]] = {s.name: set() for s in self.stages}
        for s in self.stages:
            for name in s.inputs.values():
                if name in self.producer:
                    readers[self.producer[name].name].add(s.name)
        below: dict[str, set[str]] = {}
        for s in reversed(self._order):
            below[s.name] = set(readers[s.name]).union(*(below[r] for r in readers[s.name]))
        return {name: len(found) for name, found in below.items()}

    def _parallel_first(self, order: list[Stage]) -> list[Stage]:
        """``order`` with each parallel stage moved up to just after the last stage it reads from, so that it
        can start in the background while the stages declared before it still run."""
        placed: set[str] = set()
        waiting = [s for s in order if s.parallel]
        result: list[Stage] = []

        def ready(s: Stage) -> bool:
            return all(n not in self.producer or self.producer[n].name in placed for n in s.inputs.values())

        def place_ready() -> None:
            for p in [p for p in waiting if ready(p)]:
                result.append(p)
                placed.add(p.name)
                waiting.remove(p)

        place_ready()
        for s in order:
            if not s.parallel:
                result.append(s)
                placed.add(s.name)
                place_ready()
        return result + waiting

    @property
    def inputs(self) -> set[str]:
        """Names a run must provide: read by some stage, produced by none."""
        return {n for s in self.stages for n in s.inputs.values() if n not in self.producer}

    def order(self, targets: Iterable[str] | None = None) -> list[Stage]:
        """The stages needed for ``targets`` (every stage when None), in an order that runs each after its
        inputs and otherwise as declared."""
        if targets is None:
            return list(self._run_order)
        needed: set[str] = set()
        todo = [self.producer[t] for t in targets if t in self.producer]
        while todo:
            s = todo.pop()
            if s.name in needed:
                continue
            needed.add(s.name)
            todo += [self.producer[n] for n in s.inputs.values() if n in self.producer]
        return [s for s in self._run_order if s.name in needed]

    def edges(self) -> list[tuple[str, str]]:
        """(from, to) pairs between run inputs or stages, for the diagram in ``docs/architecture.md``."""
        pairs = []
        for s in self._order:
            for name in dict.fromkeys(s.inputs.values()):
                source = self.producer[name].name if name in self.producer else name
                pairs.append((source, s.name))
        return pairs

    def mermaid(self) -> str:
        """The graph as a Mermaid flowchart: run inputs as rounded boxes, stages as boxes."""
        lines = ["flowchart TD"]
        for name in sorted(self.inputs):
            lines.append(f"    {name}([{name}])")
        for s in self._order:
            # no count of a multi-table stage's tables: adding one should not redraw the documented graph
            label = s.name if not s.is_multi else f"{s.name}<br/><small>several tables</small>"
            lines.append(f"    {s.name}[\"{label}\"]")
        for source, target in self.edges():
            lines.append(f"    {source} --> {target}")
        return "\n".join(lines)

    def run(self, sources: Mapping[str, Source | Any], *, targets: Iterable[str] | None = None,
            cache: "Any | None" = None, code_version: Mapping[str, str] | None = None, clock: Any = None,
            workers: int = 1, check: Callable[[str, str, Any], None] | None = None) -> "Results":
        """Run the stages needed for ``targets``; returns ``Results`` (values are loaded when asked for).

        ``sources`` maps each run input to a ``Source`` (or a plain value, fingerprinted by ``digest``).
        ``cache`` (a ``pipeline.cache.Cache``) keeps results between runs; ``code_version`` maps a stage to
        the hash of its code (``code_fingerprints``); ``clock`` (``stage(name, phase)``, a context manager
        yielding a dict for ``rows_in``/``rows_out``, and ``record(phase, seconds)``) times the stages that
        run; ``workers`` > 1 runs due ``parallel`` stages in that many processes; ``check(stage, name,
        value)`` is called on every output a stage computes (the schema check at the stage boundary).
        """
        stages = self.order(targets)
        missing = sorted(n for s in stages for p, n in s.inputs.items()
                         if n not in self.producer and n not in sources and p not in s.optional)
        if missing:
            raise GraphError(f"run inputs missing: {', '.join(dict.fromkeys(missing))}")
        # an optional input (a parameter defaulting to None) that nothing produces or gives receives None: a slice
        # of the graph (the charts alone) runs without the settings it can do without
        absent = {n: Source(NONE) for s in stages for p, n in s.inputs.items()
                  if p in s.optional and n not in self.producer and n not in sources}
        results = Results(self, {**absent, **{k: v if isinstance(v, Source) else Source(digest(_plain(v)), v)
                                              for k, v in sources.items()}}, cache, dict(code_version or {}), clock,
                          check)
        background = workers > 1 and _can_fork()
        remaining = self.order(targets)
        try:
            while remaining:
                results.poll_background()
                # the first stage in run order whose inputs are all there: while a background stage runs, the
                # stages that do not read it go on beside it, whatever their place in the declaration
                unresolved = {s.name for s in remaining}
                s = next((s for s in remaining if self._inputs_ready(s, unresolved, results)), None)
                if s is None:
                    results.finish_any_background()
                    continue
                remaining.remove(s)
                due = results.resolve(s)
                if due and s.parallel and background:
                    results.start_background(s, workers)
                elif due:
                    results.run_stage(s)
            results.finish_background()
        finally:
            results.stop_background()
        return results

    def _inputs_ready(self, s: Stage, unresolved: set[str], results: "Results") -> bool:
        return all(n not in self.producer or (self.producer[n].name not in unresolved and not results.is_pending(n))
                   for n in s.inputs.values())


def _plain(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


class Results:
    """What a run computed or found in the cache: fingerprints of every output, values on demand."""

    def __init__(self, graph: Graph, sources: Mapping[str, Source], cache: Any, code_version: Mapping[str, str],
                 clock: Any = None, check: Callable[[str, str, Any], None] | None = None) -> None:
        self.graph = graph
        self.clock = clock
        self.check = check
        self.sources = dict(sources)
        self.cache = cache
        self.code_version = code_version
        self.fingerprints: dict[str, str] = {k: s.fingerprint for k, s in self.sources.items()}
        self.values: dict[str, Any] = {}
        self.keys: dict[str, str] = {}          # stage → key
        self.ran: list[str] = []                # stages computed in this run (the rest came from the cache)
        self._due: dict[str, tuple[str, list[str] | None]] = {}  # stage → (key, element keys)
        self._element_fps: dict[str, list[str]] = {}               # mapped stage → each element's fingerprint
        self._cached_elements: dict[str, dict[int, str]] = {}      # mapped stage → elements found in the cache
        self._background: dict[str, tuple[Stage, _Forked, float]] = {}  # stage in a worker → (stage, job, start)
        self._queued: list[Stage] = []                                  # due parallel stages not started yet
        self._workers = 1

    # --- fingerprints ---------------------------------------------------------------------------------------
    def is_pending(self, name: str) -> bool:
        return name in self.graph.producer and self.graph.producer[name].name in self._due

    def _key(self, s: Stage, skip: frozenset[str] = frozenset()) -> str:
        fps = {param: self.fingerprints[name] for param, name in s.inputs.items() if param not in skip}
        return digest(s.name, self.code_version.get(s.name, ""), fps, _plain(s.fixed))

    def _element_fingerprints(self, s: Stage) -> tuple[str, ...]:
        name = s.inputs[s.map_over]
        source = self.sources.get(name)
        if source is None or source.elements is None:
            raise GraphError(f"stage {s.name}: map_over input {name} must be a run input with element fingerprints")
        return source.elements

    def resolve(self, s: Stage) -> bool:
        """Give the outputs of ``s`` their fingerprints (skipped, or from the cache); True when it must run."""
        required = [n for p, n in s.inputs.items() if p not in s.optional]
        if any(self.fingerprints[n] == NONE for n in required):
            for name in s.outputs:
                self.fingerprints[name] = NONE
                self.values[name] = None
            return False
        if s.map_over is not None:
            base = self._key(s, skip=frozenset({s.map_over}))
            element_keys = [digest(base, fp) for fp in self._element_fingerprints(s)]
            self.keys[s.name] = digest(element_keys)
            found = [self.cache.lookup(k) if self.cache is not None else None for k in element_keys]
            if all(f is not None for f in found):
                self.fingerprints[s.name] = digest([f[s.name] for f in found])
                self._element_fps[s.name] = [f[s.name] for f in found]
                return False
            self._due[s.name] = (self.keys[s.name], element_keys)
            return True
        key = self._key(s)
        self.keys[s.name] = key
        if not s.cache or s.lazy:
            for name in s.outputs:
                self.fingerprints[name] = digest(key, name)
            if s.lazy and self.cache is not None:
                self.cache.lookup(key)  # keeps its entry through this run's pruning, whether it is read or not
            return False  # made (or loaded) when a stage that reads it runs
        found = self.cache.lookup(key) if self.cache is not None else None
        if found is not None and all(n in found for n in s.outputs):
            for name in s.outputs:
                self.fingerprints[name] = found[name]
            return False
        self._due[s.name] = (key, None)
        return True

    # --- values ---------------------------------------------------------------------------------------------
    def __getitem__(self, name: str) -> Any:
        if name in self.values:
            return self.values[name]
        if name in self.sources:
            source = self.sources[name]
            value = source.load() if source.load is not None else source.value
        elif name in self.graph.producer:
            s = self.graph.producer[name]
            found = self.cache.lookup(self.keys[s.name]) if s.lazy and self.cache is not None else None
            if found is not None and name in found:
                value = self.cache.load(found[name])
            elif not s.cache or s.lazy:
                kwargs = self._arguments(s)
                if self.clock is None:
                    outcome = self._call(s, kwargs)
                else:
                    with self.clock.stage(s.name, s.label):
                        outcome = self._call(s, kwargs)
                value = outcome[name]
                if s.lazy and self.cache is not None:
                    self.cache.record(self.keys[s.name], {n: self.cache.store(v) for n, v in outcome.items()})
                    self.ran.append(s.name)
            else:
                value = self._cached_value(s, name)
        else:
            raise KeyError(name)
        self.values[name] = value
        return value

    def _cached_value(self, s: Stage, name: str) -> Any:
        """Output ``name`` of stage ``s`` from the cache; a stored result that cannot be read (a damaged disk,
        a file changed by hand) is computed again from the stage's inputs, and stored again."""
        try:
            if s.map_over is not None:
                return tuple(self.cache.load(fp) for fp in self._element_fps[s.name])
            return self.cache.load(self.fingerprints[name])
        except Exception as exc:  # noqa: BLE001 - any unreadable pickle means: recompute
            log.warning("stage %s: its cached result cannot be read (%s); computing it again", s.name,
                        type(exc).__name__)
        outcome = self._call(s, self._arguments(s))
        for out_name, value in outcome.items():
            self.values[out_name] = value
            if s.map_over is None:
                self.cache.store(value)
        return outcome[name]

    def get(self, name: str, default: Any = None) -> Any:
        try:
            return self[name]
        except KeyError:
            return default

    def _arguments(self, s: Stage) -> dict[str, Any]:
        return {**{param: self[name] for param, name in s.inputs.items()}, **s.fixed}

    @staticmethod
    def _call(s: Stage, kwargs: dict[str, Any]) -> dict[str, Any]:
        """The outputs of ``s`` called with ``kwargs``, by name (a mapped stage: the tuple of its results)."""
        if s.map_over is not None:
            elements = kwargs.pop(s.map_over)
            result: Any = tuple(s.func(**{**kwargs, s.map_over: e}) for e in elements)
        else:
            result = s.func(**kwargs)
        if not s.is_multi:
            return {s.name: result}
        if not isinstance(result, Mapping) or set(result) != set(s.outputs):
            got = sorted(result) if isinstance(result, Mapping) else type(result).__name__
            raise GraphError(f"stage {s.name} returned {got}, declared {sorted(s.outputs)}")
        return dict(result)

    def _due_arguments(self, s: Stage) -> dict[str, Any]:
        kwargs = self._arguments(s)
        return self._only_changed_elements(s, kwargs) if s.map_over is not None else kwargs

    def run_stage(self, s: Stage) -> None:
        """Run the due stage ``s`` here and store its outputs."""
        kwargs = self._due_arguments(s)
        if self.clock is not None:
            with self.clock.stage(s.name, s.label) as info:
                outcome = self._call(s, kwargs)
                info["rows_in"] = _rows(kwargs.values())
                info["rows_out"] = _rows(outcome.values())
        else:
            outcome = self._call(s, kwargs)
        self._store(s, outcome)

    def start_background(self, s: Stage, workers: int) -> None:
        """Queue the due parallel stage ``s`` to run in a process forked from this one; at most ``workers``
        run at once, and the run goes on meanwhile."""
        self._workers = workers
        self._queued.append(s)
        self.poll_background()

    def poll_background(self) -> None:
        """Store the outputs of background stages that have finished and start queued ones in their place."""
        for name in [n for n, (_, job, _) in self._background.items() if job.done()]:
            self._collect(name)
        while self._queued and len(self._background) < self._workers:
            # the queued stage most others wait for first (the WP3 tables before a chart nothing reads): a free
            # worker shortens the run most there
            s = max(self._queued, key=lambda q: self.graph.downstream.get(q.name, 0))
            self._queued.remove(s)
            for entry in s.preload:
                _preload(entry)
            self._background[s.name] = (s, _Forked((s.name, s.func, self._due_arguments(s), s.map_over,
                                                    s.outputs)), time.perf_counter())

    def finish_background(self, names: Iterable[str] | None = None) -> None:
        """Wait for the background stages that produce ``names`` (all when None) and store their outputs; the
        first that failed raises its exception here."""
        if names is None:
            wanted = set(self._background) | {q.name for q in self._queued}
        else:
            wanted = {self.graph.producer[n].name for n in names}
        while True:
            self.poll_background()
            running = [n for n in self._background if n in wanted]
            queued = [q for q in self._queued if q.name in wanted]
            if not running and not queued:
                return
            self._collect(running[0] if running else next(iter(self._background)))

    def finish_any_background(self) -> None:
        """Wait until one background stage has finished (starting queued ones first) and store its outputs."""
        self.poll_background()
        if not self._background:
            raise GraphError("no stage can run: every remaining stage waits for another")
        from concurrent.futures import FIRST_COMPLETED, wait

        wait([job.future for _, job, _ in self._background.values()], return_when=FIRST_COMPLETED)
        self.poll_background()

    def _collect(self, name: str) -> None:
        s, job, started = self._background.pop(name)
        outcome = job.result()
        if self.clock is not None:
            self.clock.record(s.label, job.seconds)
            log.info("stage %s: in a worker process, %.2f s (%.2f s after it started)", name, job.seconds,
                     time.perf_counter() - started)
        self._store(s, outcome)

    def stop_background(self) -> None:
        """End every background stage still running (after a failure elsewhere)."""
        for _, job, _ in self._background.values():
            job.stop()
        self._background.clear()
        self._queued.clear()

    def _only_changed_elements(self, s: Stage, kwargs: dict[str, Any]) -> dict[str, Any]:
        # elements already in the cache are loaded, not recomputed: one changed feedback file re-reads one file
        key, element_keys = self._due[s.name]
        found = {i: self.cache.lookup(k) for i, k in enumerate(element_keys)} if self.cache is not None else {}
        self._cached_elements[s.name] = {i: f[s.name] for i, f in found.items() if f is not None}
        elements = list(kwargs[s.map_over])
        todo = [e for i, e in enumerate(elements) if i not in self._cached_elements[s.name]]
        return {**kwargs, s.map_over: todo}

    def _store(self, s: Stage, outcome: dict[str, Any]) -> None:
        if self.check is not None:
            for name, value in outcome.items():
                self.check(s.name, name, value)
        key, element_keys = self._due.pop(s.name)
        self.ran.append(s.name)
        if s.map_over is not None:
            cached = self._cached_elements.get(s.name, {})
            fresh = iter(outcome[s.name])
            values, fps = [], []
            for i, element_key in enumerate(element_keys):
                if i in cached:
                    fps.append(cached[i])
                    values.append(self.cache.load(cached[i]))
                else:
                    value = next(fresh)
                    fp = self.cache.store(value) if self.cache is not None else digest(element_key)
                    if self.cache is not None:
                        self.cache.record(element_key, {s.name: fp})
                    fps.append(fp)
                    values.append(value)
            self.values[s.name] = tuple(values)
            self.fingerprints[s.name] = digest(fps)
            self._element_fps[s.name] = fps
            return
        fps = {}
        for name, value in outcome.items():
            self.values[name] = value
            fps[name] = self.cache.store(value) if self.cache is not None else digest(key, name)
            self.fingerprints[name] = fps[name]
        if self.cache is not None:
            self.cache.record(key, fps)


def _rows(values: Iterable[Any]) -> int | None:
    """Rows of the tables among ``values`` (inside dicts, tuples and Survey-like objects too); None when none."""
    total, seen = 0, False
    for value in values:
        if hasattr(value, "shape") and hasattr(value, "columns"):
            total, seen = total + len(value), True
        elif isinstance(value, Mapping):
            inner = _rows(value.values())
            if inner is not None:
                total, seen = total + inner, True
        elif isinstance(value, (tuple, list)):
            inner = _rows(value)
            if inner is not None:
                total, seen = total + inner, True
        elif hasattr(value, "rows"):
            total, seen = total + int(value.rows), True
    return total if seen else None


Job = tuple[str, Callable[..., Any], dict[str, Any], "str | None", tuple[str, ...]]


@functools.cache
def _preload(entry: str) -> None:
    """Import the module of ``entry`` (``"module"`` or ``"module:function"``) and call the function, once per
    process; returns nothing."""
    module, _, function = entry.partition(":")
    loaded = importlib.import_module(module)
    if function:
        getattr(loaded, function)()


def _can_fork() -> bool:
    import multiprocessing

    return "fork" in multiprocessing.get_all_start_methods()


_FORKED_JOB: "Job | None" = None


def _run_forked_job() -> tuple[dict[str, Any], float]:
    started = time.perf_counter()
    try:
        outcome = _run_job_inline(_FORKED_JOB)
    except Exception as exc:
        import pickle

        try:  # an exception that cannot travel back to the parent is replaced by one naming it
            pickle.loads(pickle.dumps(exc))
        except Exception:
            raise GraphError(f"stage {_FORKED_JOB[0]}: {type(exc).__qualname__}: {exc}") from None
        raise
    return outcome, time.perf_counter() - started


class _Forked:
    """One stage computed in a worker process forked from this one. The job reaches the worker through the
    fork, not by pickling (a stage function may be a closure); only its outputs are pickled back. The
    worker's exception is raised again by ``result``; a worker that dies raises ``BrokenProcessPool``
    instead of hanging."""

    def __init__(self, job: Job) -> None:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        global _FORKED_JOB
        _FORKED_JOB = job
        try:
            self._pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork"))
            self.future = self._pool.submit(_run_forked_job)   # the worker is forked here, holding the job
        finally:
            _FORKED_JOB = None
        self.seconds = 0.0

    def done(self) -> bool:
        return self.future.done()

    def result(self) -> dict[str, Any]:
        try:
            outcome, self.seconds = self.future.result()
        finally:
            self._pool.shutdown(wait=True)
        return outcome

    def stop(self) -> None:
        self.future.cancel()
        self._pool.shutdown(wait=True, cancel_futures=True)


def _run_job_inline(job: Job) -> dict[str, Any]:
    name, func, kwargs, map_over, outputs = job
    s = Stage(name=name, func=func, inputs={}, outputs=outputs, map_over=map_over)
    return Results._call(s, dict(kwargs))


_IMPORT = re.compile(r"^[ \t]*(?:from[ \t]+([\w.]+)[ \t]+import[ \t]+(\([^)]*\)|[^\n]+)|import[ \t]+([\w., \t]+))",
                     re.MULTILINE)


def code_fingerprints(stages: Iterable[Stage], package_dir: "os.PathLike[str] | str", extra: Any = ()) -> dict[str, str]:
    """Stage name → a hash of the code it runs: its function's source, the modules of the package that the
    function and its module import (transitively, including imports inside functions), every data file of the
    package (YAML, TOML, templates: messages and roles reach most stages) and ``extra`` (library versions).
    Editing a chart module then recomputes the charts and what follows, not the ingest."""
    import inspect
    from pathlib import Path

    root = Path(package_dir)
    package = root.name
    texts: dict[Path, str] = {}
    module_imports: dict[Path, set[Path]] = {}

    files_of: dict[str, Path | None] = {}
    file_hashes: dict[Path, str] = {}

    def module_file(name: str) -> Path | None:
        # asked thousands of times for a few dozen names: each answered once (a run's start-up pays for this)
        if name not in files_of:
            files_of[name] = None
            parts = name.split(".")
            if parts[0] == package:
                base = root.joinpath(*parts[1:])
                files_of[name] = next((c for c in (base.with_suffix(".py"), base / "__init__.py") if c.is_file()),
                                      None)
        return files_of[name]

    def text_of(path: Path) -> str:
        if path not in texts:
            texts[path] = path.read_text(encoding="utf-8")
        return texts[path]

    def hash_of(path: Path) -> str:
        if path not in file_hashes:
            file_hashes[path] = hashlib.sha256(text_of(path).encode()).hexdigest()
        return file_hashes[path]

    def imported(text: str) -> set[Path]:
        found: set[Path] = set()
        for match in _IMPORT.finditer(text):
            if match.group(1):
                names = [match.group(1)] + [f"{match.group(1)}.{n.split()[0]}" for n in
                                            match.group(2).strip("()").replace("\n", " ").split(",") if n.split()]
            else:
                names = [n.split()[0] for n in match.group(3).split(",") if n.split()]
            for name in names:
                parts = name.split(".")
                for i in range(1, len(parts) + 1):  # importing a.b.c runs a/__init__ and a/b/__init__ too
                    path = module_file(".".join(parts[:i]))
                    if path is not None:
                        found.add(path)
        return found

    def closure(start: set[Path]) -> set[Path]:
        seen: set[Path] = set()
        todo = list(start)
        while todo:
            path = todo.pop()
            if path in seen:
                continue
            seen.add(path)
            if path not in module_imports:
                module_imports[path] = imported(text_of(path))
            todo += module_imports[path] - seen
        return seen

    data = sorted(p for p in root.rglob("*") if p.suffix in (".yaml", ".yml", ".toml", ".j2", ".json") and p.is_file())
    data_digest = digest([(p.relative_to(root).as_posix(), hashlib.sha256(p.read_bytes()).hexdigest()) for p in data],
                         _plain(extra))
    versions: dict[str, str] = {}
    for s in stages:
        func = getattr(s.func, "func", s.func)
        module = getattr(func, "__module__", "") or ""
        path = module_file(module)
        if path is None:  # a function from outside the package: its module's name stands in
            versions[s.name] = digest(module, getattr(func, "__qualname__", ""), data_digest)
            continue
        source = inspect.getsource(func)
        # the module itself (helpers the function calls) and its top-level imports reach the function too
        top_level = "\n".join(line for line in text_of(path).splitlines() if line.startswith(("import ", "from ")))
        files = sorted(closure(imported(top_level) | imported(source) | {path}), key=str)
        versions[s.name] = digest(source, [(f.relative_to(root).as_posix(), hash_of(f)) for f in files], data_digest)
    return versions
