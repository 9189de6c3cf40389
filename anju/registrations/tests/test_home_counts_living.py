"""The officer's home page counts the people living in their jurisdiction, as the cockpit counts the registrations in
force: a person whose registration ended is still on record but no longer counted."""
from anju.registrations.services import declaration_approve, registration_end


def test_the_officers_home_counts_only_the_people_living_here(client, officer_a, resident, declare_as):
    registration = declaration_approve(actor=officer_a, declaration=declare_as(resident))
    client.force_login(officer_a)
    assert '<div class="value" id="people-count">1</div>' in client.get("/").content.decode()
    registration_end(actor=officer_a, registration=registration, reason="搬离")
    assert '<div class="value" id="people-count">0</div>' in client.get("/").content.decode()
