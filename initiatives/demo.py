"""Demo data: a believable Iruma-like city office (used by ``seed_demo``).

Every row is found or created by its natural key, so building twice changes
nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.utils import timezone

from .models import (
    PHASE_ORDER,
    Assignment,
    Department,
    FiscalYear,
    LeadingProject,
    NationalPlanEdition,
    Phase,
    PhaseChange,
    Plan,
    Role,
    Section,
    User,
)

DEMO_PASSWORD = "iruma-dx-demo"
FIRST_YEAR = 2022
CURRENT_YEAR = 2024  # in its reporting phase, with points and reports
PLANNING_YEAR = 2025  # in its planning phase, without points

# (code, department, [(code, section), ...])
ORGANISATION = [
    ("KIK", "企画部", [
        ("KIK-01", "企画課"), ("KIK-02", "財政課"),
        ("KIK-03", "デジタル行政推進課"), ("KIK-04", "広報広聴課"),
    ]),
    ("SOM", "総務部", [
        ("SOM-01", "総務課"), ("SOM-02", "職員課"), ("SOM-03", "契約課"),
        ("SOM-04", "危機管理課"),
    ]),
    ("SIM", "市民生活部", [
        ("SIM-01", "市民課"), ("SIM-02", "市民税課"), ("SIM-03", "資産税課"),
        ("SIM-04", "収納課"),
    ]),
    ("FUK", "福祉部", [
        ("FUK-01", "福祉課"), ("FUK-02", "障害者支援課"), ("FUK-03", "高齢者支援課"),
        ("FUK-04", "介護保険課"),
    ]),
    ("KOD", "こども支援部", [
        ("KOD-01", "こども支援課"), ("KOD-02", "保育幼稚園課"),
        ("KOD-03", "こども家庭相談課"),
    ]),
    ("KEN", "健康推進部", [
        ("KEN-01", "地域保健課"), ("KEN-02", "国保年金課"), ("KEN-03", "健康管理課"),
    ]),
    ("KAN", "環境経済部", [
        ("KAN-01", "環境課"), ("KAN-02", "商工観光課"), ("KAN-03", "農業振興課"),
        ("KAN-04", "資源循環推進課"),
    ]),
    ("TOS", "都市整備部", [
        ("TOS-01", "都市計画課"), ("TOS-02", "道路整備課"), ("TOS-03", "建築指導課"),
        ("TOS-04", "公園緑地課"),
    ]),
    ("JOG", "上下水道部", [
        ("JOG-01", "経営課"), ("JOG-02", "水道課"), ("JOG-03", "下水道課"),
    ]),
    ("KYO", "教育部", [
        ("KYO-01", "教育総務課"), ("KYO-02", "学校教育課"), ("KYO-03", "生涯学習課"),
        ("KYO-04", "図書館"),
    ]),
]  # fmt: skip

# fmt: off
FAMILY_NAMES = (
    "佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "山本", "中村", "小林",
    "加藤", "吉田", "山田", "佐々木", "山口", "松本", "井上", "木村", "林",
    "斎藤", "清水", "山崎", "森", "池田", "橋本", "阿部", "石川", "山下",
    "中島", "石井", "小川", "前田", "岡田", "長谷川", "藤田", "後藤", "近藤",
    "村上", "遠藤", "青木", "坂本", "斉藤", "福田", "太田", "西村", "藤井",
    "金子",
)
GIVEN_NAMES = (
    "翔太", "美咲", "健一", "由美", "大輔", "直子", "拓也", "恵", "陽介",
    "裕子", "誠", "明美", "亮", "真由美", "隆", "智子", "浩", "香織", "剛",
    "愛", "徹", "舞", "聡", "彩", "修", "結衣", "学", "優子", "豊",
    "千尋",
)
# fmt: on


@dataclass(frozen=True)
class DemoAccount:
    username: str
    last_name: str
    first_name: str
    what: str


DEMO_ACCOUNTS = [
    DemoAccount("admin", "管理", "太郎", "superuser (Django admin)"),
    DemoAccount("dxoffice", "入間", "みらい", "DX office (デジタル行政推進課)"),
    DemoAccount("head", "市民", "一郎", "head of 市民生活部"),
    DemoAccount("dxer", "窓口", "花子", "DXer of 市民課 (市民生活部)"),
    DemoAccount("head2", "福祉", "次郎", "head of 福祉部"),
    DemoAccount("dxer2", "介護", "三奈", "DXer of 介護保険課 (福祉部)"),
    DemoAccount("viewer", "閲覧", "四郎", "viewer: reads published reports"),
]
DEMO_HEADS = {"head": "SIM", "head2": "FUK"}
DEMO_DXERS = {"dxer": "SIM-01", "dxer2": "FUK-04"}

PLANS = [
    (
        "KIK",
        "第6次入間市総合計画",
        2021,
        2030,
        "市の最上位計画。まちの将来像と施策の体系を示す。",
    ),
    ("KIK", "入間市行政改革大綱", 2022, 2026, "持続可能な行政経営に向けた改革の方針。"),
    ("KIK", "入間市情報化基本計画", 2018, 2027, "地域情報化の推進とICT環境の整備。"),
    ("SOM", "入間市地域防災計画", None, None, "災害予防・応急対策・復旧の計画。"),
    ("SIM", "入間市市民サービス向上計画", 2023, 2027, "窓口サービスの利便性向上。"),
    ("FUK", "入間市地域福祉計画", 2021, 2025, "地域共生社会の実現に向けた福祉の計画。"),
    ("FUK", "入間市高齢者福祉計画・介護保険事業計画", 2024, 2026, "第9期の計画。"),
    ("KOD", "入間市子ども・子育て支援事業計画", 2020, 2024, "教育・保育の提供体制。"),
    ("KEN", "健康いるま21", 2023, 2032, "健康増進計画・食育推進計画。"),
    ("KAN", "入間市環境基本計画", 2021, 2030, "環境の保全と創造の基本方針。"),
    ("TOS", "入間市都市計画マスタープラン", 2019, 2038, "都市づくりの基本方針。"),
    ("JOG", "入間市水道ビジョン", 2020, 2029, "水道事業の将来像と経営。"),
    ("KYO", "入間市教育振興基本計画", 2022, 2026, "教育の振興のための施策。"),
]

LEADING_PROJECTS = [
    (
        "入間市版スーパーシティ構想",
        "データ連携基盤を整え、移動・防災・健康の分野で市民サービスを横断的に提供する。",
        "KIK",
        ["TOS", "KAN", "KEN"],
    ),
    (
        "書かない窓口・行かない窓口",
        "申請書を書かずに済む窓口と、来庁せずに済むオンライン手続を全庁で進める。",
        "SIM",
        ["FUK", "KOD", "KEN"],
    ),
    (
        "GIGAスクールと校務のDX",
        "一人一台端末の活用と、教職員の校務の負担を減らすデジタル化。",
        "KYO",
        ["KIK"],
    ),
]


def _user(username: str, last_name: str, first_name: str, *, can_sign_in: bool) -> User:
    user, created = User.objects.get_or_create(
        username=username,
        defaults={
            "last_name": last_name,
            "first_name": first_name,
            "email": f"{username}@city.iruma.example",
        },
    )
    if created:
        if can_sign_in:
            user.set_password(DEMO_PASSWORD)
        else:
            user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


def _assign(
    user: User, role: str, *, start: int, section=None, department=None
) -> None:
    Assignment.objects.get_or_create(
        user=user,
        role=role,
        section=section,
        department=department,
        defaults={"start_year": start},
    )


def build_organisation() -> dict[str, User]:
    """Create departments, sections, people and roles; return the demo accounts."""
    departments: dict[str, Department] = {}
    sections: dict[str, Section] = {}
    for order, (code, name, units) in enumerate(ORGANISATION, start=1):
        departments[code], _ = Department.objects.get_or_create(
            code=code, defaults={"name": name, "display_order": order * 10}
        )
        for unit_order, (section_code, section_name) in enumerate(units, start=1):
            sections[section_code], _ = Section.objects.get_or_create(
                code=section_code,
                defaults={
                    "department": departments[code],
                    "name": section_name,
                    "display_order": unit_order * 10,
                    "is_dx_office": section_name == "デジタル行政推進課",
                },
            )

    accounts = {
        account.username: _user(
            account.username, account.last_name, account.first_name, can_sign_in=True
        )
        for account in DEMO_ACCOUNTS
    }
    admin = accounts["admin"]
    if not admin.is_superuser:
        admin.is_staff = admin.is_superuser = True
        admin.save(update_fields=["is_staff", "is_superuser"])
    _assign(accounts["dxoffice"], Role.DX_OFFICE, start=FIRST_YEAR)
    for username, code in DEMO_HEADS.items():
        _assign(
            accounts[username],
            Role.HEAD,
            start=FIRST_YEAR,
            department=departments[code],
        )
    for username, code in DEMO_DXERS.items():
        _assign(accounts[username], Role.DXER, start=FIRST_YEAR, section=sections[code])

    # Everyone else: a head for each department and a DXer for each section,
    # who cannot sign in (only the demo accounts above can).
    taken_heads = set(DEMO_HEADS.values())
    taken_dxers = set(DEMO_DXERS.values())
    index = 0
    for code, department in departments.items():
        if code not in taken_heads:
            person = _user(f"head-{code.lower()}", *_name(index), can_sign_in=False)
            _assign(person, Role.HEAD, start=FIRST_YEAR, department=department)
            index += 1
    for code, section in sections.items():
        if code not in taken_dxers:
            person = _user(f"dxer-{code.lower()}", *_name(index), can_sign_in=False)
            _assign(person, Role.DXER, start=FIRST_YEAR, section=section)
            index += 1
    return accounts


def _name(index: int) -> tuple[str, str]:
    return (
        FAMILY_NAMES[index % len(FAMILY_NAMES)],
        GIVEN_NAMES[(index * 7) % len(GIVEN_NAMES)],
    )


def build_plans() -> None:
    departments = {
        department.code: department for department in Department.objects.all()
    }
    for code, title, start, end, description in PLANS:
        Plan.objects.get_or_create(
            title=title,
            defaults={
                "department": departments[code],
                "start_year": start,
                "end_year": end,
                "description": description,
            },
        )
    for title, description, lead, others in LEADING_PROJECTS:
        project, created = LeadingProject.objects.get_or_create(
            title=title,
            defaults={"description": description, "lead_department": departments[lead]},
        )
        if created:
            project.departments.set([departments[code] for code in others])


def build_fiscal_years(by: User) -> dict[int, FiscalYear]:
    """令和4・5年度 closed, 令和6年度 in its reporting phase, 令和7年度 planned."""
    today = timezone.localdate()
    plan = {
        2022: (Phase.CLOSED, date(2022, 5, 31), date(2023, 4, 28)),
        2023: (Phase.CLOSED, date(2023, 5, 31), date(2024, 4, 30)),
        # The demo's year of reports: the report deadline is kept a few weeks
        # ahead of today, so the status bar shows real days left.
        2024: (Phase.REPORTING, date(2024, 5, 31), today + timedelta(days=21)),
        # The next year is being planned, with no point yet: a newcomer adds
        # one at once (the DXer's main task). Its deadlines lie ahead too.
        PLANNING_YEAR: (
            Phase.PLANNING,
            today + timedelta(days=30),
            today + timedelta(days=180),
        ),
    }
    # Years opened before 第2.3版 (2024-02-05) tag from the first edition.
    editions = {edition.code: edition for edition in NationalPlanEdition.objects.all()}
    years = {}
    for year, (phase, target, report) in plan.items():
        fiscal_year, created = FiscalYear.objects.get_or_create(
            year=year,
            defaults={
                "phase": phase,
                "target_deadline": target,
                "report_deadline": max(report, target),
                "focus_area_edition": editions["2.3" if year >= 2024 else "1.0"],
                "created_by": by,
            },
        )
        if created:
            _record_phases(fiscal_year, by)
        years[year] = fiscal_year
    return years


def _record_phases(fiscal_year: FiscalYear, by: User) -> None:
    previous = ""
    start = datetime(
        fiscal_year.year, 4, 1, 9, 0, tzinfo=timezone.get_current_timezone()
    )
    for step, phase in enumerate(PHASE_ORDER[: fiscal_year.phase_index + 1]):
        PhaseChange.objects.create(
            fiscal_year=fiscal_year,
            from_phase=previous,
            to_phase=phase,
            changed_by=by,
            changed_at=start + timedelta(days=90 * step),
        )
        previous = phase


def build() -> dict[str, User]:
    """Build the whole demo city; return the demo accounts by user name."""
    accounts = build_organisation()
    build_plans()
    years = build_fiscal_years(by=accounts["dxoffice"])
    build_points(years, accounts)
    build_trainings(accounts)
    return accounts


# (course, date, hours), taken by the demo DXers and a share of the others.
TRAININGS = [
    ("DX推進リーダー研修", date(2024, 6, 12), Decimal(6)),
    ("生成AI活用研修", date(2024, 9, 3), Decimal("1.5")),
    ("BPR入門", date(2023, 7, 20), Decimal(3)),
]


def build_trainings(accounts: dict[str, User]) -> None:
    """Training records of the DXers (人材育成), for the roster and the survey."""
    from .models import Training

    dxers = [
        assignment.user
        for assignment in Assignment.objects.filter(role=Role.DXER)
        .select_related("user")
        .order_by("section__code")
    ]
    for index, person in enumerate(dxers):
        for number, (course, taken_on, hours) in enumerate(TRAININGS):
            if (index + number) % 3 == 2:
                continue  # not everyone took every course
            Training.objects.get_or_create(
                user=person,
                course=course,
                taken_on=taken_on,
                defaults={"hours": hours, "created_by": accounts["dxoffice"]},
            )


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
    from .models import DxPoint, FocusArea, Principle, Technology

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
    from .models import AchievementReport

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
    from .models import HoursBasis

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
    from .models import Comment, PointState, ReportState

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
    from .models import PointState, ReportState

    if section.code == DEMO_DXERS["dxer"]:
        # The demo DXer has reports to write, one returned by the head.
        for number, state in enumerate([None, ReportState.DRAFT, ReportState.RETURNED]):
            point, _ = _point(
                fiscal_year,
                section,
                ideas[number],
                state=PointState.APPROVED,
                by=dxer,
                carried_from=carried if number == 0 else None,
            )
            if state is not None:
                _report(point, state=state, seed=f"{section.code}2024{number}", by=dxer)
        return
    states = [ReportState.CONFIRMED, ReportState.SUBMITTED, None]
    if section.department.code == DEMO_HEADS["head"]:
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
    from .models import CommentKind, DxPoint, ReportState

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
