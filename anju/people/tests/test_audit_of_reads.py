"""Every read, export and unmasking of a person's record is in the audit log."""
import pytest

from anju.audit.models import AuditEntry, AuditSubject
from anju.audit.selectors import record_access_history


def entries(action):
    return list(AuditEntry.objects.filter(action=action).order_by("seq"))


def test_detail_read_is_audited_with_who_why_and_where(client, officer_a, people):
    client.force_login(officer_a)
    client.get(f"/staff/people/{people['a'].pk}/", {"purpose": "入户核查"}, REMOTE_ADDR="10.1.2.3")
    [entry] = entries("person.read")
    assert entry.actor_id == officer_a.pk and entry.actor_role == "officer"
    assert entry.object_ids == [str(people["a"].pk)]
    assert entry.purpose == "入户核查" and entry.client_ip == "10.1.2.3"


def test_list_page_writes_one_entry_with_a_subject_per_person_shown(client, admin_root, people):
    client.force_login(admin_root)
    client.get("/staff/people/")
    [entry] = entries("person.list")
    assert sorted(entry.object_ids) == sorted([str(people["a"].pk), str(people["b"].pk)])
    assert AuditSubject.objects.filter(entry=entry).count() == 2


def test_export_is_audited(client, officer_a, people):
    client.force_login(officer_a)
    client.get("/staff/people/export.xlsx")
    [entry] = entries("person.export")
    assert entry.object_ids == [str(people["a"].pk)]


def test_unmasking_shows_the_full_number_and_is_audited(client, officer_a, people):
    client.force_login(officer_a)
    masked = client.get(f"/staff/people/{people['a'].pk}/").content.decode()
    full = people["a"].id_number
    assert full not in masked and people["a"].id_masked in masked
    refused = client.post(f"/staff/people/{people['a'].pk}/unmask/", {"purpose": "  "}, follow=True)
    assert full not in refused.content.decode() and not entries("person.unmask")  # no reason, no number
    response = client.post(f"/staff/people/{people['a'].pk}/unmask/", {"purpose": "身份核验"}, follow=True)
    assert full in response.content.decode() and response["Cache-Control"] == "no-store"
    [entry] = entries("person.unmask")
    assert entry.purpose == "身份核验"


def test_unmasking_redirects_so_a_reload_neither_reposts_nor_audits_again(client, officer_a, people):
    client.force_login(officer_a)
    page = f"/staff/people/{people['a'].pk}/"
    response = client.post(f"{page}unmask/", {"purpose": "身份核验"})
    assert response.status_code == 302 and response["Location"] == page
    assert people["a"].id_number in client.get(page).content.decode()
    reloaded = client.get(page).content.decode()
    assert people["a"].id_number not in reloaded and people["a"].id_masked in reloaded
    assert len(entries("person.unmask")) == 1


def test_an_unmask_request_not_followed_at_once_is_not_honoured_later(client, officer_a, people):
    client.force_login(officer_a)
    page = f"/staff/people/{people['a'].pk}/"
    client.post(f"{page}unmask/", {"purpose": "身份核验"})
    session = client.session
    session["people.reveal"][str(people["a"].pk)][1] -= 3600
    session.save()
    assert people["a"].id_number not in client.get(page).content.decode()
    assert not entries("person.unmask")


def test_roles_without_the_need_cannot_unmask(client, auxiliary_a, people):
    client.force_login(auxiliary_a)
    assert client.post(f"/staff/people/{people['a'].pk}/unmask/", {"purpose": "x"}).status_code == 403
    assert not entries("person.unmask")


def test_api_reads_are_audited_with_the_stated_purpose(officer_a, people):
    from rest_framework.test import APIClient

    api = APIClient()
    api.force_authenticate(officer_a)
    api.get(f"/api/people/{people['a'].pk}/", HTTP_X_ANJU_PURPOSE="协查通报")
    [entry] = entries("person.read")
    assert entry.purpose == "协查通报"


def test_a_purpose_sent_in_utf8_is_audited_as_written(officer_a, people):
    """A Chinese purpose comes over HTTP as UTF-8 bytes, which the WSGI server hands over as Latin-1 text: it was audited
    as mojibake ("2027å¹´ç§\x8bå­£" for 2027年秋季)."""
    from rest_framework.test import APIClient

    api = APIClient()
    api.force_authenticate(officer_a)
    sent = "2027年秋季入学资格审核"
    api.get(f"/api/people/{people['a'].pk}/", HTTP_X_ANJU_PURPOSE=sent.encode().decode("latin-1"))
    api.get("/api/people/", HTTP_X_ANJU_PURPOSE="school enrolment 2027")
    assert [e.purpose for e in entries("person.read")] == [sent]
    assert [e.purpose for e in entries("person.list")] == ["school enrolment 2027"]


def test_admin_reads_are_audited(client, admin_a, people):
    client.force_login(admin_a)
    client.get(f"/admin/people/person/{people['a'].pk}/change/")
    assert entries("person.read")


def test_resident_sees_who_read_their_record(client, officer_a, resident, people):
    person = people["a"]
    person.account = resident
    person.save()
    client.force_login(officer_a)
    client.get(f"/staff/people/{person.pk}/", {"purpose": "入户核查"})
    assert [e.actor_label for e in record_access_history(records={"person": [person.pk]})][0] == "甲所民警"
    client.force_login(resident)
    body = client.get("/me/").content.decode()
    assert "甲所民警" in body and "入户核查" in body


def test_who_read_my_record_says_why_in_the_readers_language_alone(client, officer_a, admin_root, resident, people):
    """The platform writes its purposes in both languages (门禁卡管理 card management), and the resident's page and the
    audit log showed both on a Chinese page; a purpose someone typed shows as typed."""
    from anju.audit.services import audit_log

    person = people["a"]
    person.account = resident
    person.save()
    audit_log(actor=officer_a, action="person.read", object_type="person", object_ids=[person.pk],
              purpose="门禁卡管理 card management")
    audit_log(actor=officer_a, action="person.read", object_type="person", object_ids=[person.pk], purpose="入户核查")
    for user, url in ((resident, "/me/"), (admin_root, "/staff/audit/")):
        client.force_login(user)
        chinese = client.get(url).content.decode()
        english = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
        assert "<td>门禁卡管理</td>" in chinese and "card management" not in chinese, url
        assert "<td>card management</td>" in english and "门禁卡管理" not in english, url
        assert "<td>入户核查</td>" in chinese and "<td>入户核查</td>" in english, url


def test_a_residents_own_reads_are_audited_but_not_listed_as_others_reads(client, resident, people):
    person = people["a"]
    person.account = resident
    person.save()
    client.force_login(resident)
    client.get("/me/")
    body = client.get("/me/").content.decode()
    own = entries("person.read.own")
    assert len(own) == 2 and own[0].object_ids == [str(person.pk)] and own[0].actor_id == resident.pk
    assert "本人查询" not in body


@pytest.mark.parametrize("path", ["/staff/people/", "/staff/houses/"])
def test_list_pages_use_a_fixed_number_of_queries(client, admin_root, people, django_assert_max_num_queries, path):
    from anju.people.services import person_create
    from conftest import valid_id

    for i in range(30):
        person_create(actor=None, name=f"王{i}", id_number=valid_id(seq=f"{300 + i}"), jurisdiction=people["a"].jurisdiction,
                      address="x")
    client.force_login(admin_root)
    with django_assert_max_num_queries(14):
        assert client.get(path).status_code == 200
