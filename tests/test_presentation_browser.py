"""The presentation mode in a real browser: the kiosk document opened from the page, slides that move
by themselves and with a clicker's keys, pause, position kept across a reload, nothing fetched from
outside, and the exported file showing its maps from ``file://`` with the network cut.
"""

from __future__ import annotations

import time

import pytest

from bench.chromium import record_outside
from lianes_dash.analysis.filters import Filters
from lianes_dash.views import deck
from lianes_dash.views.slides import build_slides
from tests.test_slides import _links, _ref

pytestmark = pytest.mark.browser


def _slide(frame) -> int:
    return int(frame.locator("body").get_attribute("data-slide"))


def _wait_slide_change(frame, old: int, timeout: float = 5.0) -> int:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        now = _slide(frame)
        if now != old:
            return now
        time.sleep(0.05)
    raise AssertionError(f"la diapositive {old} n'a pas changé en {timeout} s")


def test_the_pages_button_opens_the_kiosk_document_which_moves_pauses_and_resumes(
    streamlit_server: str, browser_context
) -> None:
    settings = browser_context.new_page()
    settings.set_viewport_size({"width": 1280, "height": 720})
    leaks = record_outside(settings)
    # the page's button opens the kiosk document in a tab of its own (filters and interval in its address)
    settings.goto(streamlit_server + "/presentation?intervalle=2&dep=59~62")
    button = settings.get_by_role("link", name="Lancer la présentation")
    button.wait_for(timeout=60_000)
    with browser_context.expect_page() as opened:
        button.click()
    page = opened.value
    leaks += record_outside(page)
    page.wait_for_selector("body[data-ready='1']", timeout=60_000)
    address = page.url.replace("%7E", "~")
    assert "mode=presentation" in address and "dep=59~62" in address and "intervalle=2" in address

    # no Streamlit page: the deck is the document, full window, its maps drawn
    assert page.locator("[data-testid=stApp]").count() == 0
    page.set_viewport_size({"width": 1280, "height": 720})
    box = page.locator("main.deck").bounding_box()
    assert box and box["width"] >= 1270 and box["height"] >= 710
    assert page.locator("path.choroplethlocation").count() > 0

    # it moves by itself
    n = int(page.locator(".slide").count())
    first = _slide(page)
    assert _wait_slide_change(page, first) == first % n + 1

    # pause, then the clicker's keys
    page.keyboard.press("p")
    assert page.locator("body").get_attribute("data-paused") == "1"
    k = _slide(page)
    page.keyboard.press("ArrowRight")
    assert _slide(page) == k % n + 1
    page.keyboard.press("PageDown")
    assert _slide(page) == (k + 1) % n + 1
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("PageUp")
    assert _slide(page) == k
    time.sleep(2.6)  # longer than the interval: paused means paused
    assert _slide(page) == k
    page.keyboard.press("ArrowRight")
    kept = _slide(page)

    # the address keeps the slide (?diapo=), and a reload resumes there
    assert f"diapo={kept}" in page.url
    page.reload()
    page.wait_for_selector("body[data-ready='1']", timeout=60_000)
    assert page.locator("body").get_attribute("data-start") == str(kept)
    # « Quitter » leads back to the settings, same filters and interval
    exit_href = page.locator(".controls a.exit").get_attribute("href") or ""
    assert exit_href.replace("%7E", "~") == "presentation?dep=59~62&intervalle=2", exit_href

    assert leaks == []
    page.close()
    settings.close()


def test_exported_file_works_offline_for_hours(tmp_path, browser_context) -> None:
    """The exported file from ``file://``, network cut: maps drawn, slides moving, pause key,
    and an accelerated long run (interval 0.2 s) that leaves the JS heap roughly flat."""
    out = tmp_path / "presentation.html"
    out.write_text(deck.render_deck(build_slides(_links(), _ref(), Filters()), interval=0.2), encoding="utf-8")
    page = browser_context.new_page()
    page.set_viewport_size({"width": 1280, "height": 720})
    leaks = record_outside(page, allowed=("file:", "data:", "blob:", "about:"))
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(out.as_uri())
    page.wait_for_selector("body[data-ready='1']")
    assert page.locator("path.choroplethlocation").count() > 0
    cdp = page.context.new_cdp_session(page)
    cdp.send("Performance.enable")

    def heap() -> float:
        cdp.send("HeapProfiler.collectGarbage")
        metrics = {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}
        return metrics["JSHeapUsedSize"]

    time.sleep(11 * 0.2 + 0.4)  # one full loop first: everything drawn and warmed up
    before, shown_before = heap(), page.evaluate("lianesDeck.shown()")
    time.sleep(45 * 0.2)
    after, shown_after = heap(), page.evaluate("lianesDeck.shown()")
    moved = shown_after - shown_before
    assert moved >= 30, "the deck did not keep moving"
    assert after - before < 1_000_000, f"heap grew by {(after - before) / 1e6:.2f} Mo in {moved} transitions"

    page.keyboard.press(" ")
    assert page.get_attribute("body", "data-paused") == "1"
    assert leaks == [] and errors == []
    page.close()


def test_settings_give_the_full_kiosk_address_and_date_the_data_by_their_sources(
    streamlit_server: str, browser_context
) -> None:
    """The address to type on a kiosk is complete (host and port), and the data are dated by their
    sources (Wikidata 2017…), not by today's date."""
    import datetime as dt

    from lianes_dash.text.french import fmt_date

    page = browser_context.new_page()
    page.set_viewport_size({"width": 1280, "height": 900})
    leaks = record_outside(page)
    page.goto(streamlit_server + "/presentation?dep=59")
    # NOTE: in the page itself; the sidebar's « Partager » box holds links in code blocks too.
    code = page.locator("[data-testid=stMain] [data-testid=stCode]").first
    code.wait_for(timeout=60_000)
    address = code.inner_text().strip()
    assert address.startswith(streamlit_server + "/presentation?"), address
    assert "mode=presentation" in address and "dep=59" in address
    caption = page.get_by_text("Sélection :").first
    caption.wait_for(timeout=30_000)
    text = caption.inner_text()
    assert "Wikidata (2017)" in text and fmt_date(dt.date.today()) not in text, text
    assert leaks == []
    page.close()
