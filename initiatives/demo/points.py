"""The demo city's DX points, year-end reports and comments."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal

from django.utils import timezone

from ..models import (
    Assignment,
    FiscalYear,
    Role,
    Section,
    User,
)
from .organisation import CURRENT_YEAR, DEMO_DXERS, DEMO_HEADS

# The year's work --------------------------------------------------------------

# (title, description, stage, indicator, unit, baseline, target,
#  principles, focus areas)
POINT_IDEAS = [
    ("窓口申請のオンライン化", "転入・転居届の事前入力をオンラインで受け付け、窓口での滞在時間を短くする。",
     "transformation", "オンライン申請の割合", "%", 5, 30, [3, 4], [3]),
    ("RPAによる入力作業の自動化", "毎月の台帳入力をRPAで夜間に処理し、職員は確認だけを行う。",
     "digitalization", "月間の入力作業時間", "時間", 40, 10, [1], [4]),
    ("AI-OCRによる申請書の読み取り", "紙の申請書をAI-OCRで読み取り、手入力を減らす。",
     "digitization", "手入力の件数", "件/月", 1200, 300, [1], [4]),
    ("オープンデータの公開拡大", "課の保有する統計を機械判読できる形で公開する。",
     "digitalization", "公開データセット数", "件", 20, 60, [2], []),
    ("会議資料のペーパーレス化", "庁内会議の資料をタブレットで共有し、印刷をやめる。",
     "digitalization", "印刷枚数", "枚/年", 50000, 20000, [4, 5], [5]),
    ("テレワーク環境の整備", "持ち出し端末とビジネスチャットで在宅勤務をできるようにする。",
     "digitalization", "テレワーク実施率", "%", 10, 40, [4], [5]),
    ("キャッシュレス決済の導入", "窓口の手数料支払いにキャッシュレス決済を導入する。",
     "digitalization", "キャッシュレス比率", "%", 0, 50, [3], [3]),
    ("ビジネスチャットによる庁内連絡", "電話とメールの連絡をビジネスチャットに移し、やり取りを記録に残す。",
     "digitalization", "", "", None, None, [5], [5]),
    ("コンビニ交付の周知", "マイナンバーカードによる証明書のコンビニ交付を案内し、窓口の混雑を減らす。",
     "transformation", "コンビニ交付の割合", "%", 15, 35, [4], [2]),
    ("窓口予約システムの導入", "来庁前に予約できるようにし、待ち時間をなくす。",
     "transformation", "平均待ち時間", "分", 30, 10, [3], [3]),
    ("統計データを使った施策の見直し", "事業の効果を統計データで確かめ、次年度の計画に生かす（EBPM）。",
     "transformation", "", "", None, None, [2], []),
    ("業務フローの見直し", "BPRの手法で申請から決裁までの流れを描き直し、不要な工程をなくす。",
     "transformation", "", "", None, None, [3, 5], []),
    ("電子契約の導入", "契約事務を電子契約サービスで行い、押印と郵送をなくす。",
     "transformation", "電子契約の件数", "件", 0, 100, [1, 4], [3]),
    ("情報セキュリティ研修", "全職員向けの標的型メール訓練と研修を行う。",
     "digitization", "研修の受講率", "%", 60, 100, [4], [6]),
    ("システム標準化への移行準備", "標準準拠システムへの移行に向け、現行業務との差分を整理する。",
     "digitalization", "", "", None, None, [4], [1]),
    ("チャットボットによる問い合わせ対応", "よくある問い合わせにチャットボットが24時間答える。",
     "transformation", "電話での問い合わせ件数", "件/月", 800, 500, [1, 3], [4]),
]  # fmt: skip

# Achievement rates that the demo's reports reach, covering every level.
DEMO_RATES = (130, 105, 100, 92, 80, 70, 55, 40, 20)
DEMO_HOURS = (0, 24, 60, 120, 240, 480)
QUALITATIVE_LEVELS = ("A", "B", "C", "D")


def _pick(seed: str, choices: tuple | list):
    return choices[sum(seed.encode()) % len(choices)]


def _actual_for(baseline, target, rate: int) -> Decimal:
    value = Decimal(baseline) + (Decimal(target) - Decimal(baseline)) * rate / 100
    return value.quantize(Decimal("0.01"))


# The ideas' focus areas are numbered as in the first edition; 第2.3版
# numbers the same areas (or their successors) so.
AREAS_IN_LATEST = {1: 2, 2: 4, 3: 1, 4: 6, 5: 7, 6: 5}
# (technologies, introduction status) of the ideas that use named ones.
IDEA_TECHNOLOGIES = {
    "窓口申請のオンライン化": (["電子申請"], "introduced"),
    "RPAによる入力作業の自動化": (["RPA"], "introduced"),
    "AI-OCRによる申請書の読み取り": (["AI-OCR", "AI"], "trial"),
    "オープンデータの公開拡大": (["オープンデータ"], "introduced"),
    "会議資料のペーパーレス化": (["ペーパーレス", "クラウド"], "introduced"),
    "テレワーク環境の整備": (["テレワーク"], "introduced"),
    "キャッシュレス決済の導入": (["キャッシュレス決済"], "planned"),
    "ビジネスチャットによる庁内連絡": (["クラウド"], "introduced"),
    "電子契約の導入": (["電子申請", "クラウド"], "considering"),
    "チャットボットによる問い合わせ対応": (["生成AI", "AI"], "trial"),
}


def _point(fiscal_year, section, idea, *, state, by, carried_from=None, late=False):
    from ..models import DxPoint, FocusArea, Principle, Technology

    title, description, stage, indicator, unit, baseline, target, numbers, areas = idea
    technologies, status = IDEA_TECHNOLOGIES.get(title, ([], ""))
    point = DxPoint.objects.filter(
        fiscal_year=fiscal_year, section=section, title=title
    ).first()
    if point is not None:
        return point, False
    deadline = fiscal_year.target_deadline
    point = DxPoint(
        fiscal_year=fiscal_year,
        section=section,
        title=title,
        description=description,
        business=f"{section.name}の事務",
        stage=stage,
        indicator_name=indicator,
        indicator_unit=unit,
        baseline=baseline,
        target=target,
        technology_status=status,
        state=state,
        carried_from=carried_from,
        created_by=by,
    )
    if state != "draft":
        submitted = deadline + timedelta(days=4 if late else -10)
        point.submitted_at = datetime(
            submitted.year,
            submitted.month,
            submitted.day,
            10,
            tzinfo=timezone.get_current_timezone(),
        )
        point.is_late = late
    point._history_user = by
    point.save()
    point.principles.set(Principle.objects.filter(number__in=numbers))
    edition = fiscal_year.focus_area_edition
    if edition.code != "1.0":
        areas = [AREAS_IN_LATEST[number] for number in areas]
    point.focus_areas.set(FocusArea.objects.filter(edition=edition, number__in=areas))
    point.technologies.set(Technology.objects.filter(name__in=technologies))
    return point, True


def _report(point, *, state: str, seed: str, by, late=False):
    from ..models import AchievementReport

    existing = AchievementReport.objects.filter(point=point).first()
    if existing is not None:
        return existing
    report = AchievementReport(
        point=point,
        effect=_pick(seed, EFFECTS),
        hours_saved=_pick(seed + "h", DEMO_HOURS),
        next_steps=_pick(seed + "n", NEXT_STEPS),
        state=state,
    )
    if point.has_indicator:
        report.actual = _actual_for(
            point.baseline, point.target, _pick(seed, DEMO_RATES)
        )
    else:
        report.self_level = _pick(seed, QUALITATIVE_LEVELS)
    _measures(report, seed)
    if state != "draft":
        due = point.fiscal_year.report_deadline
        day = due + timedelta(days=3) if late else due - timedelta(days=7)
        today = timezone.localdate()
        if day >= today:  # the demo year's deadline is still ahead
            day, late = today - timedelta(days=2), False
        report.submitted_at = datetime(
            day.year, day.month, day.day, 10, tzinfo=timezone.get_current_timezone()
        )
        report.is_late = late
    report._history_user = by
    report.save()
    return report


def _measures(report, seed: str) -> None:
    """The analysis, direction and basis of hours of a demo report.

    Reports of 令和4年度 were written before these were asked: they have none.
    """
    from ..models import HoursBasis

    if report.point.fiscal_year.year < 2023:
        return
    report.direction = _pick(seed + "d", DEMO_DIRECTIONS)
    if report.self_level == "D" and _pick(seed + "x", (True, False, False)):
        report.self_level, report.actual = "na", None
    if report.earned_level() in ("C", "D", "na"):
        report.analysis = _pick(seed + "a", ANALYSES)
    if report.hours_saved and _pick(seed + "b", (True, False)):
        # The hours from cases × minutes: 60 minutes per case-hour saved.
        report.hours_basis = HoursBasis.CASES
        report.minutes_per_case = Decimal(_pick(seed + "m", (3, 5, 10, 15)))
        report.annual_cases = int(report.hours_saved * 60 / report.minutes_per_case)


DEMO_DIRECTIONS = ("expand", "continue", "continue", "improve", "complete", "merge")
ANALYSES = (
    "周知が遅れ、利用が想定ほど伸びなかった。",
    "システムの改修が年度内に終わらず、運用開始が遅れた。",
    "前提としていた国の仕様が変わり、効果を測れなかった。",
)

EFFECTS = (
    "窓口での待ち時間が短くなり、市民アンケートの満足度が上がった。",
    "入力作業が夜間に自動で終わるようになり、職員は確認に専念できた。",
    "紙の保管と郵送が減り、他課との資料共有が早くなった。",
    "手作業のミスが減り、修正の手戻りがなくなった。",
    "取組は始めたが、利用が広がらず効果は限定的だった。",
)
NEXT_STEPS = (
    "対象の手続を広げる。",
    "利用者への周知を強める。",
    "他課への横展開を提案する。",
    "",
)


def build_points(years: dict[int, FiscalYear], accounts: dict[str, User]) -> None:
    """Points and reports for 令和4〜6年度 in every section, in every state."""
    from ..models import Comment, PointState, ReportState

    dxers = {
        assignment.section_id: assignment.user
        for assignment in Assignment.objects.filter(role=Role.DXER).select_related(
            "user"
        )
    }
    heads = {
        assignment.department_id: assignment.user
        for assignment in Assignment.objects.filter(role=Role.HEAD).select_related(
            "user"
        )
    }
    for index, section in enumerate(Section.objects.select_related("department")):
        dxer = dxers[section.pk]
        head = heads[section.department_id]
        ideas = [
            POINT_IDEAS[(index + step * 5) % len(POINT_IDEAS)] for step in range(3)
        ]
        carried = None
        for year in (2022, 2023):
            for number, idea in enumerate(ideas[:2]):
                origin = carried if (number == 0 and year == 2023) else None
                point, _ = _point(
                    years[year],
                    section,
                    idea,
                    state=PointState.APPROVED,
                    by=dxer,
                    carried_from=origin,
                    late=(index + number) % 7 == 0,
                )
                report = _report(
                    point,
                    state=ReportState.CONFIRMED,
                    seed=f"{section.code}{year}{number}",
                    by=dxer,
                )
                if number == 0:
                    # Only what did not reach A goes on into the next year.
                    carried = point if report.level != "A" else None
        _current_year_points(section, ideas, years[2024], dxer, head, index, carried)
    _demo_comments(accounts, Comment)


def _current_year_points(
    section, ideas, fiscal_year, dxer, head, index, carried
) -> None:
    """令和6年度 is in its reporting phase: reports in every state."""
    from ..models import PointState, ReportState

    states = [ReportState.CONFIRMED, ReportState.SUBMITTED, None]
    if section.code == DEMO_DXERS["dxer"]:
        # The demo DXer has reports to write, one returned by the head.
        states = [None, ReportState.DRAFT, ReportState.RETURNED]
    elif section.department.code == DEMO_HEADS["head"]:
        # The demo head has reports waiting for confirmation, one of them late.
        states = [ReportState.SUBMITTED, ReportState.SUBMITTED, ReportState.CONFIRMED]
    for number, state in enumerate(states):
        point, _ = _point(
            fiscal_year,
            section,
            ideas[number],
            state=PointState.APPROVED,
            by=dxer,
            carried_from=carried if number == 0 else None,
        )
        if state is not None:
            _report(
                point,
                state=state,
                seed=f"{section.code}2024{number}",
                by=dxer,
                late=state == ReportState.SUBMITTED and index % 3 == 0,
            )
    if section.code == DEMO_DXERS["dxer"]:
        return  # the demo DXer's list stays as described above
    if index % 6 == 1:
        # A point still under review and one sent back, left from planning.
        extra = POINT_IDEAS[(index + 11) % len(POINT_IDEAS)]
        _point(
            fiscal_year, section, extra, state=PointState.SUBMITTED, by=dxer, late=True
        )
    if index % 6 == 4:
        extra = POINT_IDEAS[(index + 13) % len(POINT_IDEAS)]
        _point(fiscal_year, section, extra, state=PointState.RETURNED, by=dxer)
    if index % 9 == 2:
        extra = POINT_IDEAS[(index + 7) % len(POINT_IDEAS)]
        _point(fiscal_year, section, extra, state=PointState.DRAFT, by=dxer)


def _demo_comments(accounts: dict[str, User], Comment) -> None:
    from ..models import CommentKind, DxPoint, ReportState

    point = (
        DxPoint.objects.filter(
            section__code=DEMO_DXERS["dxer"],
            fiscal_year__year=CURRENT_YEAR,
            report__state=ReportState.RETURNED,
        )
        .order_by("pk")
        .first()
    )
    if point is None:
        return
    thread = [
        (accounts["head"], CommentKind.RETURN_REPORT,
         "効果を具体的な数字で書いてください。削減時間の根拠も添えてください。"),
        (accounts["dxer"], CommentKind.COMMENT,
         "承知しました。窓口の受付記録から待ち時間を集計して追記します。"),
        (accounts["dxoffice"], CommentKind.COMMENT,
         "集計の方法は他課にも参考になるので、年次報告で紹介させてください。"),
    ]  # fmt: skip
    for author, kind, body in thread:
        Comment.objects.get_or_create(
            point=point, author=author, body=body, defaults={"kind": kind}
        )
