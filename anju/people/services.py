"""The write path for people."""
from django.db import transaction
from django.utils.translation import gettext as _

from anju.audit.services import audit_log
from anju.core import crypto
from anju.lib import codes
from anju.lib.identity import InvalidIdNumber, parse_id_number
from anju.people.models import Person


class PersonError(ValueError):
    pass


def id_number_lookup_hash(raw: str) -> str | None:
    """The blind index of a number as typed, or None when it is not a valid number."""
    try:
        return crypto.blind_index(parse_id_number(raw).number)
    except InvalidIdNumber:
        return None


def _set_id_number(person: Person, raw: str) -> None:
    try:
        parsed = parse_id_number(raw)
    except InvalidIdNumber as exc:
        raise PersonError(str(exc)) from exc
    person.id_cipher = crypto.encrypt(parsed.number)
    person.id_hash = crypto.blind_index(parsed.number)
    person.id_masked = parsed.masked
    person.id_kind = parsed.kind
    return parsed


@transaction.atomic
def person_create(*, actor, name: str, id_number: str, jurisdiction, sex: str = "", birth_date=None,
                  ethnicity: str = "", phone: str = "", hukou_address: str = "", address: str = "", house=None,
                  education: str = "", marital_status: str = "", request=None) -> Person:
    """Creates a person; sex and birth date default to what the ID number says and must agree with it."""
    name = (name or "").strip()
    if not name:
        raise PersonError(_("Name is required"))
    person = Person(name=name, jurisdiction=jurisdiction, phone=phone, hukou_address=hukou_address, address=address,
                    house=house, education=education, marital_status=marital_status)
    parsed = _set_id_number(person, id_number)
    if Person.objects.filter(id_hash=person.id_hash).exists():
        raise PersonError(_("A person with this ID number is already on record"))
    sex = codes.SEX.code_for(sex) if sex else parsed.sex
    if parsed.sex and sex != parsed.sex:
        raise PersonError(_("Sex does not match the ID number"))
    if birth_date and parsed.birth_date and birth_date != parsed.birth_date:
        raise PersonError(_("Birth date does not match the ID number"))
    person.sex, person.birth_date = sex, birth_date or parsed.birth_date
    if ethnicity:
        person.ethnicity = codes.ETHNICITY.code_for(ethnicity) or ""
        if not person.ethnicity:
            raise PersonError(_("Unknown ethnicity %(value)s") % {"value": ethnicity})
    person.save()
    audit_log(actor=actor, action="person.create", object_type="person", object_ids=[person.pk], request=request)
    return person
