"""Personal data in real exports found on round 9 of unseen files (issue 12): one test per rule, on inline rows
built the way the files look (synthetic values)."""
from __future__ import annotations

from pipeline.ingest import inspect_file, read_survey
from pipeline.privacy import personal_data_by_values

from conftest import write_csv

KEY = b"round-nine-privacy-key"


def test_browser_user_agents_are_device_data_by_their_values(tmp_path):
    """Alchemer's "Extended User Agent" (mozilla-it/fx-sentiment-analysis old/export-InApp-053118.xlsx, read only)
    holds the browser's whole user-agent string; under any header such a column is device data and is left out."""
    agents = [f"Mozilla/5.0 (iPad; CPU OS 11_{i} like Mac OS X) AppleWebKit/604.3.5 (KHTML, like Gecko) "
              f"Version/11.0 Mobile/15B{150 + i} Safari/604.1" for i in range(5)]
    assert personal_data_by_values(agents, 0.8)[0] == "device"
    # an open answer naming a browser and its version is no user-agent string
    assert personal_data_by_values(["Firefox 59 (on iOS) is slow", "Works fine", "Crashes (sometimes)"], 0.5) is None
    lines = ["Response ID,Submitted,Client,How satisfied are you?"]
    lines += [f"{i + 1},2018-05-0{i + 1} 10:00,\"{a}\",{'Very' if i % 2 else 'Somewhat'}" for i, a in enumerate(agents)]
    path = write_csv(tmp_path / "feedback.csv", "\n".join(lines) + "\n")
    found = inspect_file(path)
    assert [c["column"] for c in found["personal_data_columns"]] == ["Client"]
    assert "AppleWebKit" not in read_survey(path, key=KEY).answers.to_string()

