"""Charts read the way the page reads: mirrored in Arabic, their tables unchanged."""

import re

from portal.intake.chart_display import CENTRE, spider
from portal.roles import Role


def test_spider_runs_counter_clockwise_when_mirrored():
    plain, mirrored = spider([5] * 6), spider([5] * 6, mirrored=True)
    assert plain.labels[0][:2] == mirrored.labels[0][:2]  # number 1 stays at the top
    assert plain.labels[1][0] > CENTRE > mirrored.labels[1][0]  # number 2: right, or left
    for (x, y, anchor, n), (mx, my, manchor, m) in zip(plain.labels, mirrored.labels, strict=True):
        assert (round(x + mx, 1), y, n) == (2 * CENTRE, my, m)  # each number's mirror image
        assert {anchor, manchor} in ({"middle"}, {"start", "end"})


def test_weeks_chart_runs_right_to_left_in_arabic(client, login_as):
    login_as(Role.APPLICANT)
    rects = re.compile(r'<rect x="([\d.]+)" y="[\d.]+" width="([\d.]+)"')
    dutch = [(float(x), float(w)) for x, w in rects.findall(client.get("/werkmap/weeks").text)]
    client.submit("/language", {"locale": "ar"})
    html = client.get("/werkmap/weeks").text
    arabic = [(float(x), float(w)) for x, w in rects.findall(html)]
    assert len(dutch) == len(arabic) == 8
    assert [round(320 - x - w, 1) for x, w in dutch] == [round(x, 1) for x, _w in arabic]
    assert 'direction="ltr" role="img"' in html  # the numbers under the bars stay readable
