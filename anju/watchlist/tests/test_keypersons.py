"""Key persons: rules in data, every point explained, protected attributes refused, officers decide."""
from datetime import date, timedelta

import pytest
from django.utils import timezone

from anju.core import crypto
from anju.watchlist.keypersons import RuleError, keyperson_decide, keypersons_score, rule_save
from anju.watchlist.models import KeyPerson, PriorOffence, ScoringRule
from conftest import valid_id


@pytest.mark.parametrize("feature", ["ethnicity", "religion", "political_status", "origin_province", "hukou_address",
                                     "Ethnicity_code", "民族", "religious_group", "province_of_origin"])
def test_rules_on_protected_attributes_are_refused(admin_root, feature):
    with pytest.raises(RuleError, match="受保护属性"):
        rule_save(actor=admin_root, name="x", feature=feature, operator="==", threshold=1, points=50)
    assert ScoringRule.objects.count() == 0


def test_a_protected_rule_put_into_the_table_by_hand_is_refused_when_scoring(db):
    ScoringRule.objects.create(name="bad", feature="ethnicity", operator="==", threshold=1, points=99)
    with pytest.raises(RuleError):
        keypersons_score(people={})


def test_only_administrators_write_rules(officer_a):
    with pytest.raises(RuleError):
        rule_save(actor=officer_a, name="x", feature="prior_offences", operator=">=", threshold=1, points=10)


def test_the_score_explains_each_rule_and_only_proposes_a_level(admin_root, officer_a, tree):
    number = valid_id(seq="901")
    h = crypto.blind_index(number)
    today = timezone.localdate()
    for i, days in enumerate((30, 200, 3000)):
        PriorOffence.objects.create(id_hash=h, offence_date=today - timedelta(days=days), source_id=f"o{i}")
    rule_save(actor=admin_root, name="一年内有前科", feature="prior_offences", operator=">=", threshold=1, points=40,
              window_days=365)
    rule_save(actor=admin_root, name="前科两次以上", feature="prior_offences", operator=">=", threshold=3, points=30)
    rule_save(actor=admin_root, name="近期在逃比中", feature="watchlist_hits", operator=">=", threshold=1, points=50)
    keypersons_score(people={h: {"name": "钱某", "id_masked": "x", "node": tree["A1C1G1"]}})
    person = KeyPerson.objects.get()
    assert person.score == 70 and person.proposed_level == "review" and person.decision == "proposed"
    assert [(p["rule"], p["points"], p["value"]) for p in person.explanation] == [("一年内有前科", 40, 2),
                                                                                ("前科两次以上", 30, 3)]
    assert person.level == ""  # nothing acts on the person yet
    with pytest.raises(RuleError, match="理由"):
        keyperson_decide(actor=officer_a, person=person, confirm=True, reason="")
    keyperson_decide(actor=officer_a, person=person, confirm=True, reason="结合案情确认")
    person.refresh_from_db()
    assert person.level == "review" and person.review_due == today + timedelta(days=90)


def test_an_officer_of_another_station_cannot_decide(officer_b, tree):
    person = KeyPerson.objects.create(id_hash="h", id_masked="x", name="钱某", jurisdiction=tree["A1C1G1"], score=60,
                                      proposed_level="review", scored_at=timezone.now())
    with pytest.raises(RuleError):
        keyperson_decide(actor=officer_b, person=person, confirm=True, reason="x")


def test_the_rules_page_shows_the_refusal(client, admin_root):
    client.force_login(admin_root)
    body = client.post("/staff/keypersons/rules/", {"name": "按民族", "feature": "ethnicity", "operator": "==",
                                                    "threshold": 1, "points": 10}).content.decode()
    assert "受保护属性" in body
    assert ScoringRule.objects.count() == 0


def test_refused_door_credentials_count_as_a_rule_feature(admin_root, officer_a, tree):
    import uuid

    from conftest import make_house

    from anju.doors.models import DoorEvent
    from anju.doors.services import credential_issue, credential_report_loss, device_register
    from anju.registrations.services import declaration_approve, declare

    house = make_house(tree, "A-0950", "文一西路950号1幢1单元101室", "A1C1G1")
    number = valid_id(seq="951")
    declaration = declare(actor=officer_a, channel="police", house=house, name="孙某", id_number=number,
                          move_in=timezone.localdate() - timedelta(days=1), phone="13512345678",
                          idempotency_key=uuid.uuid4().hex)
    registration = declaration_approve(actor=officer_a, declaration=declaration, note="ok")
    card = credential_issue(actor=officer_a, house=house, registration=registration, uid="A1B2C3D4")
    credential_report_loss(actor=officer_a, credential=card, reason="丢失")
    device = device_register(actor=officer_a, device_id="KP-DOOR-1", standard_address=house.standard_address,
                             house=house)
    now = timezone.now()
    for seq, days in enumerate((1, 2, 3, 40)):
        at = now - timedelta(days=days)
        DoorEvent.objects.create(device=device, seq=seq, occurred_at=at, received_at=at, kind="swipe", method="card",
                                 credential_uid=card.uid, credential=card, credential_status="lost",
                                 result="refused")
    rule_save(actor=admin_root, name="一月内门禁多次拒绝", feature="refused_credentials", operator=">=", threshold=3,
              points=60, window_days=30)
    h = crypto.blind_index(number)
    keypersons_score(people={h: {"name": "孙某", "id_masked": "x", "node": tree["A1C1G1"]}})
    person = KeyPerson.objects.get(id_hash=h)
    assert [(p["rule"], p["value"], p["points"]) for p in person.explanation] == [("一月内门禁多次拒绝", 3, 60)]
    assert person.level == ""  # a proposal only
