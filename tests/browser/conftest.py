"""Headless Chromium for browser tests: Debian's own build, driven by Playwright (never `playwright install`)."""
from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
IN_CI = os.environ.get("CI", "").lower() == "true"
WAIT_MS = 90_000  # a shared 2-core CI machine can be slow to render


def missing(reason: str) -> None:
    if IN_CI:
        pytest.fail(reason, pytrace=False)
    pytest.skip(reason)


@pytest.fixture
def page(tmp_path: Path) -> Iterator[Any]:
    """A fresh Chromium profile; requests to any host but this machine are aborted."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing("playwright is not installed: bash scripts/install")
    if not shutil.which(CHROMIUM):
        missing(f"{CHROMIUM} not found: apt-get install chromium chromium-driver (scripts/install does)")
    with sync_playwright() as pw:
        context = pw.chromium.launch_persistent_context(
            str(tmp_path / "chromium-profile"), executable_path=CHROMIUM, headless=True,
            args=CHROMIUM_ARGS, viewport={"width": 1600, "height": 1000})
        context.route(re.compile(r"^https?://(?!(127\.0\.0\.1|localhost)[:/])"), lambda route: route.abort())
        context.set_default_timeout(WAIT_MS)
        yield context.new_page()
        context.close()
