"""The declarations API: residents file (idempotently), staff decide; the declarant never sees the checks."""
from django.utils import timezone
from rest_framework.test import APIClient

from conftest import valid_id


def api_for(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def body(house, **change):
    data = {"plate": house.plates.get().token, "name": "周八", "id_number": valid_id(seq="701"),
            "phone": "13512345678", "move_in": timezone.localdate().isoformat()}
    data.update(change)
    return data


def test_a_resident_declares_and_a_retry_with_the_same_key_returns_the_same(resident, house, registry):
    registry((valid_id(seq="701"), "周九"))  # a mismatch: flagged for police, invisible to the declarant
    api = api_for(resident)
    first = api.post("/api/declarations/", body(house), format="json", HTTP_IDEMPOTENCY_KEY="k1")
    again = api.post("/api/declarations/", body(house), format="json", HTTP_IDEMPOTENCY_KEY="k1")
    assert first.status_code == 201 and again.json()["id"] == first.json()["id"]
    assert "flags" not in first.json() and "identity_status" not in first.json()
    assert api.get("/api/declarations/mine/").json()[0]["status"] == "pending"


def test_bad_input_gets_specific_messages(resident, house):
    api = api_for(resident)
    response = api.post("/api/declarations/", body(house, id_number="330106199003071234"), format="json")
    assert response.status_code == 400 and "校验码" in str(response.json())
    response = api.post("/api/declarations/", body(house, plate="forged.0000000000"), format="json")
    assert response.status_code == 400 and "门牌码" in str(response.json()["plate"])


def test_staff_see_the_flags_and_decide_within_their_jurisdiction(officer_a, officer_b, resident, house, registry):
    registry((valid_id(seq="701"), "周八"))
    declared = api_for(resident).post("/api/declarations/", body(house), format="json").json()
    assert api_for(officer_b).get(f"/api/declarations/{declared['id']}/").status_code == 404
    officer = api_for(officer_a)
    [row] = officer.get("/api/declarations/").json()["results"]
    assert row["identity_status"] == "match" and row["flags"] == []
    registration = officer.post(f"/api/declarations/{declared['id']}/approve/", {}, format="json").json()
    assert registration["status"] == "active"
    assert officer.get("/api/registrations/").json()["count"] == 1
    assert api_for(officer_b).get("/api/registrations/").json()["count"] == 0


def test_the_staff_declaration_list_is_paginated_like_every_api_list(officer_a, resident, house, client):
    for seq, name in (("701", "周八"), ("702", "周九")):
        api_for(resident).post("/api/declarations/", body(house, id_number=valid_id(seq=seq), name=name), format="json")
    officer = api_for(officer_a)
    first = officer.get("/api/declarations/", {"page_size": 1}).json()
    assert set(first) == set(officer.get("/api/registrations/").json()) == {"count", "next", "previous", "results"}
    assert first["count"] == 2 and [r["name"] for r in first["results"]] == ["周八"] and "page=2" in first["next"]
    second = officer.get(first["next"]).json()
    assert [r["name"] for r in second["results"]] == ["周九"] and second["next"] is None
    assert isinstance(api_for(resident).get("/api/declarations/mine/").json(), list)  # the resident's own stay one list
    schema = client.get("/api/schema/?format=json").json()
    listed = schema["paths"]["/api/declarations/"]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
    assert listed == {"$ref": "#/components/schemas/PaginatedStaffDeclarationList"}
    mine = schema["paths"]["/api/declarations/mine/"]["get"]["responses"]["200"]["content"]["application/json"]
    assert mine["schema"]["type"] == "array"
