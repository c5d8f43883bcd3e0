"""Chart rendering (pipeline.charts.render): PNG as figure_bytes renders it, SVG with text as text, the same
bytes on every call and whether drawn here or in the process pool, and a failing chart's own exception."""
from __future__ import annotations

import multiprocessing
import signal

import pytest

from pipeline import io as pio
from pipeline.charts import CHARTS
from pipeline.charts.render import chart_bytes, charts_bytes
from pipeline.i18n import Messages
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


@needs_fork
def test_parallel_and_serial_rendering_give_identical_bytes_in_job_order(time_limit):
    serial = charts_bytes(JOBS, "fi", workers=1)
    parallel = charts_bytes(JOBS, "fi", workers=2)
    assert list(serial) == list(parallel) == list(JOBS)
    assert serial == parallel
    reversed_jobs = dict(reversed(list(JOBS.items())))
    assert list(charts_bytes(reversed_jobs, "fi", workers=2)) == list(reversed_jobs)


@needs_fork
def test_an_exception_in_a_chart_drawn_in_the_pool_reaches_the_caller(monkeypatch, time_limit):
    # the forked workers inherit the registry with the failing chart in it
    monkeypatch.setitem(CHARTS, "failing", (_failing_chart, "theme_ranking"))
    jobs = {"theme_ranking": RANKING, "failing": RANKING, "likert_competence": LIKERT}
    with pytest.raises(ChartFailed, match="drawing went wrong"):
        charts_bytes(jobs, "fi", workers=2)
    with pytest.raises(ChartFailed, match="drawing went wrong"):
        charts_bytes(jobs, "fi", workers=1)


def test_an_unknown_chart_is_named():
    with pytest.raises(KeyError, match="no chart named 'nope'"):
        chart_bytes("nope", RANKING, "fi")
