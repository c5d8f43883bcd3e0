"""Chart rendering (pipeline.charts.render): PNG as figure_bytes renders it, SVG with text as text, the same
bytes on every call and whether drawn here or in a worker process of a run, and a failing chart's own exception."""
from __future__ import annotations

import multiprocessing
import signal

import pytest

from pipeline import io as pio
from pipeline.charts import CHARTS
from pipeline.charts.render import chart_bytes, warm
from pipeline.graph import Graph, stage
from pipeline.i18n import Messages
from pipeline.stages import chart
from test_charts_needs import LIKERT, RANKING

JOBS = {"theme_ranking": RANKING, "likert_competence": LIKERT}
HAS_FORK = "fork" in multiprocessing.get_all_start_methods()
needs_fork = pytest.mark.skipif(not HAS_FORK, reason="no 'fork' start method here: charts are drawn serially")


class ChartFailed(Exception):
    pass


def _failing_chart(table, msgs):
    raise ChartFailed("drawing went wrong")


@pytest.fixture
def time_limit():
    """Fails the test instead of hanging when the pool does not come back within a minute (POSIX only)."""
    if not hasattr(signal, "SIGALRM"):
        yield
        return

    def _timeout(signum, frame):
        raise TimeoutError("the process pool did not return within 60 s")

    previous = signal.signal(signal.SIGALRM, _timeout)
    signal.alarm(60)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def test_png_is_what_figure_bytes_renders_from_a_fresh_figure():
    for stem, table in JOBS.items():
        draw, _ = CHARTS[stem]
        expected = pio.figure_bytes(draw(table, Messages("fi")), "png", dpi=150, bbox_inches="tight")
        assert chart_bytes(stem, table, "fi")["png"] == expected, stem


def test_svg_writes_text_as_text_and_is_the_same_on_every_call():
    first = chart_bytes("theme_ranking", RANKING, "fi")
    second = chart_bytes("theme_ranking", RANKING, "fi")
    assert set(first) == {"png", "svg"}
    assert first == second
    svg = first["svg"].decode("utf-8")
    assert "<text" in svg and "Myynti" in svg
    assert "<dc:date>" not in svg and "Matplotlib v" not in svg


def _chart_graph(stems):
    return Graph([stage(chart, name=f"chart_{stem}", rename={"table": stem}, fixed={"stem": stem}, parallel=True,
                        preload=("pipeline.charts.render",)) for stem in stems])


@needs_fork
def test_charts_drawn_in_worker_processes_are_the_bytes_drawn_here(time_limit):
    graph = _chart_graph(JOBS)
    inputs = {**JOBS, "lang": "fi"}
    serial = graph.run(inputs, workers=1)
    parallel = graph.run(inputs, workers=2)
    for stem, table in JOBS.items():
        assert parallel[f"chart_{stem}"] == serial[f"chart_{stem}"] == chart_bytes(stem, table, "fi")


@needs_fork
def test_an_exception_in_a_chart_drawn_in_a_worker_reaches_the_caller(monkeypatch, time_limit):
    # the forked workers inherit the registry with the failing chart in it
    monkeypatch.setitem(CHARTS, "failing", (_failing_chart, "theme_ranking"))
    graph = _chart_graph(["theme_ranking", "failing", "likert_competence"])
    inputs = {"theme_ranking": RANKING, "failing": RANKING, "likert_competence": LIKERT, "lang": "fi"}
    with pytest.raises(ChartFailed, match="drawing went wrong"):
        graph.run(inputs, workers=2)
    with pytest.raises(ChartFailed, match="drawing went wrong"):
        graph.run(inputs, workers=1)


def test_an_unknown_chart_is_named():
    with pytest.raises(KeyError, match="no chart named 'nope'"):
        chart_bytes("nope", RANKING, "fi")


WARMED: list[str] = []


def _warm_here():
    WARMED.append("warm")


def _seen_warmed(table):
    return list(WARMED)


@needs_fork
def test_a_preload_function_runs_once_here_and_its_work_reaches_every_worker(time_limit):
    graph = Graph([stage(_seen_warmed, name=f"seen_{k}", rename={"table": "t"}, parallel=True,
                         preload=("test_chart_render:_warm_here",)) for k in range(3)])
    first = graph.run({"t": 1}, workers=2)
    second = graph.run({"t": 1}, workers=2)
    assert WARMED == ["warm"]
    assert all(result[f"seen_{k}"] == ["warm"] for result in (first, second) for k in range(3))


def _cold_chart_bytes(stem, table, queue):
    queue.put(chart_bytes(stem, table, "fi"))


def test_warming_the_chart_caches_changes_no_chart_bytes(time_limit):
    # drawn in a new interpreter that has drawn nothing before, and here after warm()
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    worker = context.Process(target=_cold_chart_bytes, args=("likert_competence", LIKERT, queue))
    worker.start()
    cold = queue.get(timeout=50)
    worker.join()
    warm()
    assert chart_bytes("likert_competence", LIKERT, "fi") == cold
