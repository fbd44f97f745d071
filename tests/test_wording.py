"""Issue 29, point 6: words a reader stumbles on. Hovers count in words (« 1 lien », « 2 liens », « 1 link »),
dark on white; a figure about one place does not say « France entière » under its title."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from lianes_dash.dataset import schema as S
from lianes_dash.text import i18n
from lianes_dash.views import figures as F
from tests.landing import landing


def _counts() -> pd.DataFrame:
    return pd.DataFrame(
        {
            S.PARTNER_COUNTRY: ["MLI", "SEN"],
            S.PARTNER_COUNTRY_NAME: ["Mali", "Sénégal"],
            S.COUNT: [1, 2],
            S.N_COLLECTIVITIES: [1, 2],
            S.N_PARTNERS: [1, 2],
        }
    )


@pytest.mark.parametrize(
    ("lang", "one", "two"),
    [
        ("fr", ["1 lien", "1 collectivité française", "1 collectivité partenaire"], "2 liens"),
        ("en", ["1 link", "1 French local authority", "1 partner local authority"], "2 links"),
    ],
)
def test_world_hover_counts_in_words(lang: str, one: list[str], two: str) -> None:
    with i18n.using(lang):
        fig = F.world_map(_counts())
    choro = fig.data[0]
    rows = {row[0]: row for row in choro.customdata}
    hover = choro.hovertemplate
    # The template has no fixed counted word; each number's word is in the data, singular for 1.
    assert "liens" not in hover and "links" not in hover
    shown = [rows["Mali"][int(i)] for i in ("6", "4", "5")]
    assert shown == one
    assert rows["Sénégal"][6] == two
    assert all(f"%{{customdata[{i}]}}" in hover for i in (4, 5, 6))
    # Dark text on white, whatever the colour under the pointer.
    assert fig.layout.hoverlabel.bgcolor == "#ffffff" and fig.layout.hoverlabel.font.color == "#222222"


def test_bar_and_decade_hovers_say_1_lien() -> None:
    bars = F.bar_chart(pd.DataFrame({S.THEME: ["santé", "culture"], S.COUNT: [2, 1]}), S.THEME)
    assert sorted(bars.data[0].customdata) == ["1 lien", "2 liens"] and "liens" not in bars.data[0].hovertemplate
    decades = F.decade_chart(pd.DataFrame({S.DECADE: [1980], S.COUNT: [1]}), unknown=3)
    assert list(decades.data[0].customdata) == ["1 lien", "3 liens"]


def _subtitles(at) -> list[str]:
    return [
        json.loads(chart.proto.spec)["layout"]["title"]["subtitle"].get("text", "") for chart in at.get("plotly_chart")
    ]


@pytest.mark.parametrize(
    ("page", "params"),
    [
        ("fiche_collectivite.py", {"collectivite": "commune:59279"}),
        ("fiche_pays.py", {"iso": "BFA"}),
        ("peers.py", {"cible": "BFA"}),
    ],
)
def test_a_figure_about_one_place_does_not_say_all_of_france(page: str, params: dict[str, str]) -> None:
    at = landing(page, params, timeout=90)
    assert not at.exception, [e.value for e in at.exception]
    subtitles = _subtitles(at)
    assert subtitles and not any("France entière" in s for s in subtitles), subtitles
    # Under a filter, the filter is still named.
    at = landing(page, {**params, "type": "commune"}, timeout=90)
    assert all("commune" in s.lower() for s in _subtitles(at)), _subtitles(at)
