"""The browser section of ``bench/RESULTS.md``: verdicts and reasons computed from the run's figures."""

from __future__ import annotations

import pytest

from bench import browser as BR


def _result(drawn_map: float, fcp: float, kiosk: float) -> dict:
    row = {"cold_first_content_s": fcp, "cold_first_drawn_s": drawn_map, "warm_first_content_s": fcp}
    pages = {
        "monde": {**row, "drawn": "carte", "warm_heading_s": 1.5, "warm_first_drawn_s": drawn_map},
        BR.TEXT_ONLY: {**row, "drawn": "texte", "warm_heading_s": 1.25, "warm_first_drawn_s": 1.25},
    }
    for r in pages.values():
        r["ratio_to_text_page"] = r["warm_first_drawn_s"] / 1.25
    return {"repeat": 5, "load_before": 0.5, "load_after": 0.7, "requests_off_localhost": 0, "pages": pages,
            "filter_redraw_s": 0.4, "kiosk_first_slide_s": kiosk}  # fmt: skip


@pytest.mark.parametrize(
    ("drawn_map", "fcp", "kiosk", "missed"),
    [
        (1.5, 0.3, 1.0, []),
        (4.0, 0.3, 1.0, ["Première carte"]),
        (4.0, 1.2, 5.0, ["Première carte", "Premier contenu", "Borne"]),
    ],
)
def test_verdicts_and_reasons_follow_the_figures(drawn_map: float, fcp: float, kiosk: float, missed: list) -> None:
    text = "\n".join(BR.markdown(_result(drawn_map, fcp, kiosk)))
    assert text.count("| non |") == len(missed)
    for target in ("Première carte", "Premier contenu", "Borne"):
        assert (f"**{target}" in text) is (target in missed)
    if missed and missed[0] == "Première carte":
        # NOTE: the extra time of a map is read from the run: drawn − heading on the map pages.
        assert f"{drawn_map - 1.5:.2f}".replace(".", ",") + " s de plus" in text
    assert "Requêtes hors de la machine : 0." in text


def test_the_kiosk_measured_apart_says_when_its_load_and_the_ab_ratio() -> None:
    result = _result(1.5, 0.3, 0.8)
    result["kiosk"] = {
        "first_slide_s": 0.8, "painted_s": 0.7, "after_document_s": 0.5, "document_kb": 112.4, "repeat": 7,
        "streamlit_page_first_slide_s": 11.2, "cold_first_slide_s": 1.0, "cold_after_document_s": 0.6,
        "cold_document_kb": 113.0, "cold_streamlit_page_first_slide_s": 23.4,
        "when": "2026-12-07 04:20", "load_before": 29.5, "load_after": 24.4, "requests_off_localhost": 0,
    }  # fmt: skip
    text = "\n".join(BR.markdown(result))
    assert "| borne : document reçu → première diapositive affichée | 0.50 | — | — |" in text
    assert "document HTML de 112 Ko" in text and "soit ×14,0." in text and "load average 29.5 avant" in text
