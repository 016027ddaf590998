"""The demo city's organisation, people, plans, fiscal years and training."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.utils import timezone

from ..models import (
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


# (course, date, hours), taken by the demo DXers and a share of the others.
TRAININGS = [
    ("DX推進リーダー研修", date(2024, 6, 12), Decimal(6)),
    ("生成AI活用研修", date(2024, 9, 3), Decimal("1.5")),
    ("BPR入門", date(2023, 7, 20), Decimal(3)),
]


def build_trainings(accounts: dict[str, User]) -> None:
    """Training records of the DXers (人材育成), for the roster and the survey."""
    from ..models import Training

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
