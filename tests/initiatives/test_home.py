"""The home page has a panel for each role the person holds."""


def test_dxer_sees_their_section_phase_and_deadline(client_as, make_year):
    make_year(2024)
    body = client_as("dxer").get("/").content.decode()
    assert "市民生活部 市民課" in body
    assert "令和6年度は「目標設定」の段階です" in body
    assert "DXポイントの提出期限は令和6年5月31日（金）です" in body


def test_head_sees_sections_and_who_is_missing(client_as, org):
    body = client_as("head").get("/").content.decode()
    assert "市民生活部の課とDXer" in body
    assert "窓口 花子" in body
    assert "未選任" in body  # 市民税課 has no DXer
    assert "介護保険課" not in body


def test_dx_office_sees_all_departments_and_missing_dxers(client_as, org, make_year):
    make_year(2024)
    body = client_as("dx_office").get("/").content.decode()
    assert "DXerがいない課" in body and "市民税課" in body
    assert "令和6年度の段階を変更" in body
    assert "福祉部" in body


def test_viewer_sees_the_principles(client_as):
    body = client_as("viewer").get("/").content.decode()
    assert "データを集める、使う、生み出す" in body
    assert "あなたは次の課のDXerです" not in body


def test_home_query_count_does_not_grow_with_sections(client_as, org, count_queries):
    from initiatives.models import Section

    client = client_as("dx_office")
    client.get("/")

    def home():
        client.get("/")

    before = count_queries(home)
    for index in range(20):
        Section.objects.create(
            department=org.shimin, name=f"課{index}", code=f"Z{index}"
        )
    assert count_queries(home) == before
