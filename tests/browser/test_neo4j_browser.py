"""End to end: a user explores the ingested seed articles in Neo4j Browser.

Headless Chromium (Debian's, driven by Playwright) opens the Browser that the
Neo4j under test serves, connects to its Bolt port, loads our style by dropping
`graph_schema/style.grass` on the window, pastes the saved who-met-whom query
and runs it. The people and states of the gold meeting must be drawn, in the
style's colours, and listed in the table view. A screenshot is saved under
`artifacts/`. Nothing here may reach the internet: every request to another
host is aborted, so a Browser that needed one would fail the test.
"""
from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from diplograph.evaluation import kit
from graph_schema.queries import load_query
from graph_schema.store import GraphStore

ROOT = Path(__file__).resolve().parents[2]
SEEDS = kit.SEEDS.corpus
GOLD = kit.SEEDS.gold
STYLE = ROOT / "graph_schema" / "style.grass"
ARTIFACTS = ROOT / "artifacts"
SCREENSHOT = ARTIFACTS / "browser-who-met-whom.png"

NEO4J_URI = os.environ.get("NEO4J_URI", "bolt://127.0.0.1:7687")
HTTP_PORT = int(os.environ.get("NEO4J_HTTP_PORT", "7474"))

# The fills style.grass gives each kind of node.
FILL = {"Person": "#4C8EDA", "State": "#F79767", "Meeting": "#F16667"}

pytestmark = [pytest.mark.slow, pytest.mark.neo4j]


@pytest.fixture
def seed_graph_in_neo4j(neo4j_store: GraphStore) -> GraphStore:
    from ingest.pipeline import ingest

    report = ingest([SEEDS], neo4j_store, progress=False)
    assert report.ok, report.errors or report.failures
    return neo4j_store


def connect(page: Any, bolt_uri: str) -> None:
    """Fill Browser's connect form the way a user does: bolt://, the address, no authentication."""
    address = urlsplit(bolt_uri).netloc
    page.goto(f"http://{urlsplit(bolt_uri).hostname}:{HTTP_PORT}/browser/")
    page.wait_for_selector("[data-testid=boltaddress]")
    page.select_option("[data-testid=bolt-scheme-select]", "bolt://")
    page.fill("[data-testid=boltaddress]", address)
    page.select_option("[data-testid=authenticationMethod]", "NO_AUTH")
    page.click("[data-testid=connect]")
    frame_of(page, ":server connect").get_by_text("You have a working connection").wait_for()


def drop_file(page: Any, path: Path) -> None:
    """Drop a file on Browser's window, as dragging it from the desktop does."""
    transfer = page.evaluate_handle(
        "([name, text]) => { const t = new DataTransfer();"
        " t.items.add(new File([text], name, {type: 'text/plain'})); return t; }",
        [path.name, path.read_text(encoding="utf-8")])
    page.dispatch_event(".filedrop", "drop", {"dataTransfer": transfer})


def run_in_editor(page: Any, cypher: str) -> Any:
    """Paste `cypher` into the main editor, run it, and return the frame it opens."""
    from playwright.sync_api import expect

    page.click("[data-testid=activeEditor]")
    page.evaluate(
        "(text) => { const area = document.querySelector('[data-testid=activeEditor] textarea');"
        " area.focus(); const data = new DataTransfer(); data.setData('text/plain', text);"
        " area.dispatchEvent(new ClipboardEvent('paste', {clipboardData: data, bubbles: true, cancelable: true})); }",
        cypher)
    command = cypher.splitlines()[0][:40]
    earlier = frames_of(page, command).count()
    page.click("[data-testid=editor-Run]")
    expect(frames_of(page, command)).to_have_count(earlier + 1)
    return frames_of(page, command).first  # the newest frame is on top


def frames_of(page: Any, command: str) -> Any:
    """The result frames of a command, newest first (other frames, like `:play start`, may open meanwhile)."""
    return page.locator("[data-testid=frame]", has=page.locator("[data-testid=frameCommand]", has_text=command))


def frame_of(page: Any, command: str) -> Any:
    return frames_of(page, command).first


def drawn_nodes(frame: Any) -> list[tuple[str, str]]:
    """(caption, fill) of every node in the frame's graph view; caption lines joined by spaces."""
    return frame.locator("svg g.node").evaluate_all(
        "gs => gs.map(g => [[...g.querySelectorAll('text.caption')].map(t => t.textContent.trim()).join(' '),"
        " g.querySelector('circle.b-outline').getAttribute('fill')])")


def shows(caption: str, names: list[str]) -> bool:
    """A caption shows one of the names (Browser cuts long ones with an ellipsis)."""
    folded = {n.casefold() for n in names}
    caption = caption.casefold()
    if caption.endswith("…"):
        return any(n.startswith(caption[:-1].strip()) for n in folded)
    return caption in folded


def test_who_met_whom_in_neo4j_browser(seed_graph_in_neo4j: GraphStore, page: Any) -> None:
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    names = {a["id"]: a["names"] for a in gold["actors"]}
    meeting = next(m for m in gold["meetings"] if not m.get("optional"))
    people = [p["actor"] for p in meeting["participants"] if not p.get("optional")]
    states = [p["represents"] for p in meeting["participants"] if p.get("represents")]

    connect(page, NEO4J_URI)

    drop_file(page, STYLE)
    frame_of(page, ":style").get_by_text("node.Person").wait_for()  # Browser parsed our style and shows it

    frame = run_in_editor(page, load_query("who_met_whom").cypher)
    frame.locator("svg g.node").first.wait_for()
    page.wait_for_timeout(3000)  # let the force layout settle before reading and photographing it

    nodes = drawn_nodes(frame)
    for person in people:
        assert any(shows(caption, names[person]) and fill == FILL["Person"] for caption, fill in nodes), (
            f"{person} not drawn as a Person: {nodes}")
    for state in states:
        assert any(shows(caption, names[state]) and fill == FILL["State"] for caption, fill in nodes), (
            f"{state} not drawn as a State: {nodes}")
    assert any(caption.startswith(f"meeting {meeting['date']}") and fill == FILL["Meeting"]
               for caption, fill in nodes), nodes

    frame.get_by_title("Fullscreen", exact=True).click()
    frame.get_by_title("Collapse the node properties display").click()  # the overview panel hides the right edge
    page.wait_for_timeout(1000)
    frame.get_by_label("zoom-to-fit").click()
    page.wait_for_timeout(2000)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOT))
    print(f"\nscreenshot: {SCREENSHOT}")
    frame.get_by_title("Close fullscreen", exact=True).click()

    # the table view lists every row in full: who, for which state, whom they met
    frame.locator("[data-testid=cypherFrameSidebarTable]").click()
    table = frame.locator("[data-testid=frame-loaded-contents]").inner_text().casefold()
    for actor in people + states:
        assert any(f'"{n.casefold()}"' in table for n in names[actor]), f"{actor} missing from the table view"

    # a query that takes a param, set the way the README says: who represented each state?
    for person, state in [(p["actor"], p["represents"]) for p in meeting["participants"] if p.get("represents")]:
        code = next(a["country"] for a in gold["actors"] if a["id"] == state)
        run_in_editor(page, f":param state => '{code}'").get_by_text(f'"{code}"').first.wait_for()
        frame = run_in_editor(page, load_query("representatives_of_state").cypher)
        frame.locator("[data-testid=cypherFrameSidebarTable]").click()
        table = frame.locator("[data-testid=frame-loaded-contents]").inner_text().casefold()
        assert any(f'"{n.casefold()}"' in table for n in names[person]), f"{person} did not represent {code}"
