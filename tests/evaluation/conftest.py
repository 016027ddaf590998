"""A small fiscal year worked out by hand, for the roll-up tests and others.

令和6年度 (2024), in its evaluation phase, default thresholds and 1,860 h:

| point | section | principles | indicator | report | rate / level | hours |
|---|---|---|---|---|---|---|
| rising  | 市民課   | 1, 3 | 0 → 3, actual 2      | confirmed | 66.67% C | 100 |
| falling | 市民税課 | 2    | 100 → 40, actual 22  | confirmed | 130% A   | 200 |
| words   | 市民課   | 1    | none, level B chosen | confirmed | — B      | 60  |
| waiting | 市民課   | 3    | 0 → 100, actual 90   | submitted | not counted | (500) |
| welfare | 介護保険課 | 4  | 0 → 100              | none      | —        | —   |
| unapproved | 市民課 | 5 | 0 → 100, actual 100 | confirmed | point not approved: out |

City: 5 points, 3 confirmed, average (66.67 + 130) / 2 = 98.3, A1 B1 C1 D0,
360 h = 0.19354… FTE.
"""

from decimal import Decimal
from types import SimpleNamespace

import pytest

from initiatives.models import FocusArea


@pytest.fixture
def worked_year(org, make_year, make_point):
    year = make_year(2024, phase="evaluation")
    area1, area2 = FocusArea.objects.of_edition(year.focus_area_edition_id)[:2]
    rising = make_point(
        year,
        title="申請のオンライン化",
        principles=[1, 3],
        baseline=Decimal(0),
        target=Decimal(3),
        state="approved",
        report={
            "actual": Decimal(2),
            "hours_saved": Decimal(100),
            "state": "confirmed",
        },
    )
    rising.focus_areas.set([area1])
    falling = make_point(
        year,
        section=org.zeimu_ka,
        title="窓口の待ち時間を短く",
        principles=[2],
        indicator_name="平均待ち時間",
        indicator_unit="分",
        baseline=Decimal(100),
        target=Decimal(40),
        stage="digitization",
        state="approved",
        report={
            "actual": Decimal(22),
            "hours_saved": Decimal(200),
            "state": "confirmed",
        },
    )
    falling.focus_areas.set([area1, area2])
    words = make_point(
        year,
        title="窓口業務の見直し",
        principles=[1],
        indicator_name="",
        indicator_unit="",
        baseline=None,
        target=None,
        stage="transformation",
        state="approved",
        report={"self_level": "B", "hours_saved": Decimal(60), "state": "confirmed"},
    )
    waiting = make_point(
        year,
        title="証明書のコンビニ交付",
        principles=[3],
        state="approved",
        report={
            "actual": Decimal(90),
            "hours_saved": Decimal(500),
            "state": "submitted",
        },
    )
    welfare = make_point(
        year,
        section=org.kaigo_ka,
        title="介護認定の電子申請",
        principles=[4],
        state="approved",
    )
    unapproved = make_point(
        year,
        title="承認されていないポイント",
        principles=[5],
        state="submitted",
        report={"actual": Decimal(100), "state": "confirmed"},
    )
    return SimpleNamespace(
        year=year,
        rising=rising,
        falling=falling,
        words=words,
        waiting=waiting,
        welfare=welfare,
        unapproved=unapproved,
    )
