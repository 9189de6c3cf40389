"""A finding's decision racing a decision on the person's declaration or the finding's registration, each in its own
request: both complete, or the second is told, in words, that the record was decided meanwhile — never a deadlock (a
500), nothing lost, nothing doubled. Each pair is held where both have taken their first lock (a barrier), as two
officers, or an officer and the resident, pressing at the same moment would. PostgreSQL only: SQLite's test database
serialises every writer, so nothing would race (and PostgreSQL is the production database)."""
import pytest

from anju.fusion import services as fusion_services
from anju.fusion.choices import FindingStatus
from anju.fusion.models import Finding
from anju.fusion.services import FindingError, finding_confirm, finding_reject
from anju.fusion.tests.test_confirm_with_persons_declaration import answered  # noqa: F401
from anju.fusion.tests.test_person_confirms import ask  # noqa: F401
from anju.fusion.tests.test_tasks import make_finding, registration_at
from anju.registrations import services as registration_services
from anju.registrations.models import Declaration, Registration
from anju.registrations.services import RegistrationError, declaration_approve, declaration_withdraw, registration_end
from conftest import race

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("postgres_only")]


def confirming(finding, officer):
    """The officer confirms ``finding`` on site: held with the finding locked, before the person's declaration."""
    return ("confirm", lambda: finding_confirm(actor=officer, finding=finding, note="现场核实在住"),
            (fusion_services, "_persons_declaration"))


def approving(finding, officer):
    """Another officer approves the person's declaration in the queue: held with it locked, before the finding."""
    return ("approve", lambda: declaration_approve(actor=officer, declaration=finding.person_declaration),
            (fusion_services, "findings_confirm_for_declaration"))


@pytest.fixture
def colleague(make_user):
    return make_user("officer_a2", "officer", "A1", full_name="甲所民警二")


def refused(results, *messages):
    """The calls refused, each with one of ``messages`` (what the user is told); a deadlock or any other error fails."""
    out = []
    for name, result in results.items():
        if isinstance(result, Exception):
            assert isinstance(result, (FindingError, RegistrationError)), f"{name}: {result!r}"
            assert any(m in str(result) for m in messages), f"{name}: {result}"
            out.append(name)
    return out


def test_an_officer_confirming_while_the_person_withdraws_their_declaration_both_complete(
        answered, resident, officer_a, monkeypatch):
    results = race(
        monkeypatch, confirming(answered, officer_a),
        ("withdraw", lambda: declaration_withdraw(actor=resident, declaration=answered.person_declaration),
         (fusion_services, "findings_answer_withdrawn")))
    assert refused(results, "社区民警已核定该申报") in ([], ["withdraw"])
    finding = Finding.objects.get(pk=answered.pk)
    assert finding.status == FindingStatus.CONFIRMED
    assert Registration.objects.filter(status="active").count() == 1  # one registration, whoever came first
    assert finding.result_registration.status == "active"
    declaration = Declaration.objects.get(pk=answered.person_declaration_id)
    assert declaration.status == ("approved" if "withdraw" in refused(results, "社区民警已核定该申报") else "withdrawn")


def test_an_officer_confirming_while_another_approves_the_declaration_decides_once(
        answered, officer_a, colleague, monkeypatch):
    results = race(monkeypatch, confirming(answered, officer_a), approving(answered, colleague))
    assert len(refused(results, "该申报已处理", "该比对发现已处理")) == 1  # the second is told the other decided it
    finding = Finding.objects.get(pk=answered.pk)
    registration = Registration.objects.get()
    assert finding.status == FindingStatus.CONFIRMED and finding.result_registration == registration
    assert Declaration.objects.get().status == "approved"


def test_an_officer_rejecting_while_another_approves_the_declaration_decides_once(
        answered, officer_a, colleague, monkeypatch):
    results = race(
        monkeypatch,
        ("reject", lambda: finding_reject(actor=officer_a, finding=answered, note="上门核实：无此人"),
         (fusion_services, "_return_persons_declaration")),
        approving(answered, colleague))
    (loser,) = refused(results, "该申报已处理", "该比对发现已处理")
    finding = Finding.objects.get(pk=answered.pk)
    declaration = Declaration.objects.get()
    if loser == "approve":
        assert finding.status == FindingStatus.REJECTED and declaration.status == "rejected"
        assert not Registration.objects.exists()
    else:
        assert finding.status == FindingStatus.CONFIRMED and declaration.status == "approved"
        assert finding.result_registration == Registration.objects.get()


def test_an_officer_confirming_a_stale_finding_while_another_ends_its_registration_ends_it_once(
        addresses, officer_a, colleague, tmp_path, monkeypatch):
    stale = registration_at(tmp_path, addresses["a101"])
    finding = make_finding(None, addresses["a101"], kind="stale", registration=stale)
    results = race(
        monkeypatch,
        ("confirm", lambda: finding_confirm(actor=officer_a, finding=finding, note="已搬离"),
         (registration_services, "registration_end")),
        ("end", lambda: registration_end(actor=colleague, registration=stale, reason="本人申报搬离"),
         (fusion_services, "findings_resolve_for_registration")))
    (loser,) = refused(results, "该比对发现已随其他处理办结", "该居住登记已不在有效状态")
    stale.refresh_from_db()
    finding.refresh_from_db()
    assert stale.status == "cancelled"
    assert finding.status == (FindingStatus.RESOLVED if loser == "confirm" else FindingStatus.CONFIRMED)
    assert stale.end_reason == ("本人申报搬离" if loser == "confirm" else "已搬离")
