"""The HTML report in a real headless browser (Debian's chromium): loads cleanly, verdict on top.

Skipped with a message where no Chromium is installed (``make test`` installs it where it
can). The screenshot is kept in ``build/report-screenshot.png`` for review.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from data_contracts import Method
from deid.pipeline import DeidResult

SCREENSHOT = Path(__file__).resolve().parents[3] / "build" / "report-screenshot.png"
_BROWSERS = ("chromium", "chromium-browser", "google-chrome")
_FLAGS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--enable-logging=stderr",
)
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _browser() -> str:
    for name in _BROWSERS:
        found = shutil.which(name)
        if found is not None:
            return found
    pytest.skip("no Chromium found: install Debian's chromium package (make test does where it can)")


def _run(browser: str, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [browser, *_FLAGS, f"--user-data-dir={cwd / 'profile'}", *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        cwd=cwd,
    )


def test_report_loads_in_chromium_with_the_verdict_on_top(
    scrubbed: dict[Method, DeidResult], tmp_path: Path
) -> None:
    browser = _browser()
    report = scrubbed[Method.SAFE_HARBOR].report
    assert report is not None
    url = report.resolve().as_uri()

    dom = _run(browser, "--dump-dom", url, cwd=tmp_path)
    assert dom.returncode == 0, dom.stderr[-2000:]
    body = dom.stdout
    assert body.index('id="verdict"') < body.index("<h2")
    assert "RELEASED" in body[body.index('id="verdict"') : body.index("<h2")]
    problems = [
        line
        for line in dom.stderr.splitlines()
        if "CONSOLE" in line or "Failed to load resource" in line or "ERR_" in line
    ]
    assert not problems, problems

    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    shot = tmp_path / "report.png"
    taken = _run(
        browser, f"--screenshot={shot}", "--window-size=1280,2400", "--hide-scrollbars", url, cwd=tmp_path
    )
    assert taken.returncode == 0, taken.stderr[-2000:]
    image = shot.read_bytes()
    assert image.startswith(_PNG_SIGNATURE)
    assert len(image) > 20_000  # a rendered page, not a blank one
    shutil.copyfile(shot, SCREENSHOT)
