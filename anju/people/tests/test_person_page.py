"""The person page says each field as the lists do: dates as 1956-04-12, an empty field as —."""
from conftest import make_house, valid_id


def _field(body, label):
    start = body.index(f"<dt>{label}</dt><dd>") + len(f"<dt>{label}</dt><dd>")
    return body[start:body.index("</dd>", start)]


def test_an_empty_ethnicity_reads_a_dash_and_the_birth_date_reads_as_in_the_list(client, officer_a, tree):
    from anju.people.services import person_create

    house = make_house(tree, "A-0456", "文一西路456号1幢1单元101室", "A1C1G1")
    person = person_create(actor=None, name="王老", id_number=valid_id(birth="19560412", seq="333"),
                           jurisdiction=tree["A1C1G1"], house=house, address=house.address)
    assert person.ethnicity == "" and str(person.birth_date) == "1956-04-12"
    client.force_login(officer_a)
    body = client.get(f"/staff/people/{person.pk}/").content.decode()
    assert _field(body, "民族") == "—" and _field(body, "出生日期") == "1956-04-12" and "1956年" not in body
    assert "1956-04-12" in client.get("/staff/people/", {"q": "王老"}).content.decode()
    person.ethnicity = "01"
    person.save(update_fields=["ethnicity"])
    assert _field(client.get(f"/staff/people/{person.pk}/").content.decode(), "民族") == "汉族"
