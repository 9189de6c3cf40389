"""A finding's evidence on its page in the reader's language: each rule's line said again from the values the rules
gave (Chinese by default, English on request), feeds by their names for a reader; findings stored before the rules
gave values keep their English line."""
import datetime as dt
import inspect

import pytest
from django.urls import reverse
from django.utils import translation

from anju.fusion.evidence import rule_detail
from anju.fusion.models import Source
from anju.fusion.tests.test_tasks import make_finding
from anju.lib.fusion import findings as ff

RULES = [
    ["home_records", 63, "9 home records on 9 days (feed trust 0.90)", {"records": 9, "days": 9, "trust": 0.9}],
    ["home_feeds_agree", 10, "door + lock", {"feeds": ["door", "lock"]}],
    ["traces_stopped", 71, "no record of any kind for 300 days after records on 4 days; nobody else registered at "
                           "this address has been seen since either: left with probability 0.71 (share of leavers "
                           "0.052)",
     {"silence": 300, "days": 4, "registered_on": None, "newcomer_on": None, "household_quiet": True, "left": 0.7123,
      "leavers": 0.0521}],
]


@pytest.fixture
def feeds(db):
    Source.objects.create(name="door", kind="door", meaning="home", trust=0.9)
    Source.objects.create(name="lock", kind="lock", meaning="home", trust=0.85)


@pytest.mark.django_db
def test_the_evidence_reads_in_chinese_by_default_and_in_english_on_request(client, addresses, officer_a, feeds):
    finding = make_finding(None, addresses["a101"], rules=RULES)
    client.force_login(officer_a)
    page = client.get(reverse("fusion:finding", args=[finding.pk])).content.decode()
    assert "9 天共 9 条居住记录（数据源可信度 0.90）" in page and "智能门禁 + 智能门锁" in page
    assert "此前有 4 天有记录，此后 300 天没有任何记录；登记在该地址的其他人此后也都没有出现：已离开的概率为 0.71（离开者占比 0.052）" in page
    assert "home records on" not in page and "door + lock" not in page and "no record of any kind" not in page
    english = client.get(reverse("fusion:finding", args=[finding.pk]), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "9 home records on 9 days (feed trust 0.90)" in english and "Smart door + Smart lock" in english
    assert RULES[2][2] in english


@pytest.mark.django_db
def test_the_records_name_their_feeds_for_a_reader(client, addresses, officer_a, feeds):
    from anju.fusion.models import Observation, Profile

    hotel = Source.objects.create(name="westlake_hotels", kind="hotel", meaning="stay", trust=0.95)
    for record_id, source in (("MJ1", Source.objects.get(name="door")), ("MJ2", hotel)):
        Profile.objects.create(key=f"P{record_id}", source=source, name="张伟")
        Observation.objects.create(source=source, record_id=record_id, profile=f"P{record_id}", digest="d")
    client.force_login(officer_a)
    page = client.get(reverse("fusion:finding", args=[make_finding(None, addresses["a101"]).pk])).content.decode()
    records = page[page.index('id="records"'):]
    assert "<td>智能门禁</td>" in records and "<td>旅馆住宿（westlake_hotels）</td>" in records


@pytest.mark.django_db
def test_a_finding_stored_before_the_rules_gave_values_keeps_its_line(client, addresses, officer_a, feeds):
    old = [["home_records", 63, "8 home records on 8 days (feed trust 0.90)"], ["home_feeds_agree", 10, "door + lock"],
           ["recent", 10, "last home record 2 days before 2026-01-28", {"odd": 1}]]  # values it cannot read
    client.force_login(officer_a)
    page = client.get(reverse("fusion:finding", args=[make_finding(None, addresses["a101"], rules=old).pk]))
    text = page.content.decode()
    assert page.status_code == 200 and "8 home records on 8 days (feed trust 0.90)" in text
    assert "last home record 2 days before 2026-01-28" in text and "智能门禁 + 智能门锁" in text


def test_every_rules_line_said_again_in_english_from_its_values_is_the_line_the_rules_wrote(monkeypatch):
    """The findings of every hand-made person of the scoring rules' own tests, and two more: what the page says in
    English from the values is, word for word, what the rules wrote (so the values say all the line says)."""
    import anju.lib.fusion.tests.test_findings as scenarios

    found = []
    real = ff.assess

    def assess(*args, **kwargs):
        out = real(*args, **kwargs)
        found.extend(out)
        return out

    monkeypatch.setattr(ff, "assess", assess)
    for name, test in vars(scenarios).items():
        if name.startswith("test_") and callable(test) and not inspect.signature(test).parameters:
            test()
    unplaced = ff.Registration("JZ9", True, None, dt.date(2020, 1, 1))
    scenarios.assess(ff.Person("v", False, True, [scenarios.account()]))  # a valid number, not in the registry
    scenarios.assess(ff.Person("u", True, True, [scenarios.account()], [unplaced]))
    rules = [rule for finding in found for rule in finding.rules]
    assert {rule[0] for rule in rules} >= {"valid_id_number", "registered_unplaced", "traces_stopped", "seen_elsewhere",
                                           "moved_within_building", "back_after_deregistration", "home_feeds_agree",
                                           "left_registered_address"}
    with translation.override("en"):
        for name, _points, detail, params in rules:
            assert rule_detail(name, detail + " (not used)", params) == detail, name
