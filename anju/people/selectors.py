"""The read path for people: scoped to the user's jurisdiction and audited.

Views, the API, exports and the admin all come through here.
"""
import datetime
import operator
import re
from functools import reduce

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.db.models.functions import Substr
from django.db.models.lookups import Exact
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy

from anju.accounts.choices import PeopleSlice
from anju.audit.services import audit_log
from anju.core import crypto
from anju.jurisdictions.selectors import node_list
from anju.lib.identity import (
    InvalidIdNumber, id_number_errors, id_number_starts, masked_id_patterns, normalise_id_input, region_exists,
)
from anju.lib.ages import elderly_births, health_service_births, working_age_births
from anju.lib.schooling import school_age_births
from anju.people.models import Person
from anju.people.services import id_number_lookup_hash

DEFAULT_PURPOSE = "日常管理 routine administration"


class PersonSearchError(ValueError):
    """A search word that is meant as an ID number, its start or its masked form, and cannot be one; the message
    says why."""


# Which people of the register: those living here (what 实有人口, the lists and the counts mean), those whose residence
# here ended (a deregistration, services.person_residence_end: still on record, with their history), or both.
LIVING, LEFT, EVERYONE = "living", "left", "all"
RESIDENCE_CHOICES = (LIVING, LEFT, EVERYONE)


def person_queryset(*, user, residence: str = EVERYONE):
    """The people `user` may read: their jurisdiction's, narrowed to their duty's slice (accounts/choices.Reads).
    All on record by default (a person's page, what is kept about them); ``residence=LIVING`` those living here, as
    lists and counts show them, ``LEFT`` those whose residence here ended."""
    people = user.reads.people if getattr(user, "is_authenticated", False) else PeopleSlice.NONE
    qs = _slice(Person.objects.restrict(user), people).select_related("jurisdiction", "house")
    if residence == LIVING:
        return qs.filter(left_on__isnull=True)
    return qs.filter(left_on__isnull=False) if residence == LEFT else qs


# Each age slice as birth-date ranges (first None: no upper age), as lib computes them for today.
_AGE_SLICES = {
    PeopleSlice.SCHOOL_AGE: lambda today: [school_age_births(today)],
    PeopleSlice.HEALTH_SERVICE: health_service_births,
    PeopleSlice.WORKING_AGE: lambda today: [working_age_births(today)],
    PeopleSlice.ELDERLY: lambda today: [elderly_births(today)],
}


def _slice(qs, people: str):
    if people == PeopleSlice.ALL:
        return qs
    if people in _AGE_SLICES:  # a person without a birth date is in no age slice
        ranges = _AGE_SLICES[people](timezone.localdate())
        return qs.filter(reduce(operator.or_, (Q(birth_date__range=(first, last)) if first else Q(birth_date__lte=last)
                                               for first, last in ranges)))
    return qs.none()


def person_fields(*, user) -> frozenset:
    """Which of a person's fields `user` reads (accounts/choices.PERSON_FIELDS, DERIVED_FIELDS); pages, exports and
    the API show only these."""
    return user.reads.person_fields


def person_details(*, user, people) -> list[Person]:
    """`people` (already read through this module) with the derived fields `user` reads set on each
    (accounts/choices.DERIVED_FIELDS), in a query or two for the lot, whatever their number:

    - `employment`: the workplaces named by the person's approved declarations (an employer's registration of its
      worker, or the worker's own through its QR code) whose employment has not ended, newest first: organisation,
      its unified social credit code, since when;
    - `lives_alone`: True when nobody else is recorded in the register at the person's house nor actively registered
      there, False when someone is, None when the person's house is not known. The others are counted, never named.
    """
    people = list(people)
    fields = person_fields(user=user)
    if "employment" in fields:
        _set_employment(people)
    if "lives_alone" in fields:
        _set_lives_alone(people)
    return people


def _set_employment(people) -> None:
    # the records live in registrations, above this app; imported here, as own_records does
    from anju.registrations.choices import DeclarationStatus
    from anju.registrations.models import Employment

    today = timezone.localdate()
    found = {}
    rows = (Employment.objects.filter(declaration__id_hash__in={p.id_hash for p in people},
                                      declaration__status=DeclarationStatus.APPROVED)
            .filter(Q(ended_on__isnull=True) | Q(ended_on__gt=today))
            .order_by("-started_on", "-pk")
            .values_list("declaration__id_hash", "organisation__name", "organisation__credit_code", "started_on"))
    for id_hash, organisation, credit_code, started_on in rows:
        jobs = found.setdefault(id_hash, [])
        if all(job["organisation"] != organisation for job in jobs):  # the same job declared twice is one
            jobs.append({"organisation": organisation, "credit_code": credit_code, "started_on": started_on})
    for person in people:
        person.employment = found.get(person.id_hash, [])


def _set_lives_alone(people) -> None:
    from anju.registrations.choices import RegistrationStatus
    from anju.registrations.models import Registration

    houses = {p.house_id for p in people if p.house_id}
    recorded, registered = {}, {}
    for house, pk in Person.objects.filter(house__in=houses).values_list("house", "pk"):
        recorded.setdefault(house, set()).add(pk)
    for house, id_hash in Registration.objects.filter(house__in=houses, status=RegistrationStatus.ACTIVE) \
            .values_list("house", "id_hash"):
        registered.setdefault(house, set()).add(id_hash)
    for person in people:
        if not person.house_id:
            person.lives_alone = None
        else:
            person.lives_alone = not (recorded.get(person.house_id, set()) - {person.pk}
                                      or registered.get(person.house_id, set()) - {person.id_hash})


def education_on_record(id_hash):
    """The register's education of the person whose number's blind index is ``id_hash`` (an ``OuterRef`` in the
    caller's query): a subquery of one value, or none where the register does not know it. For counts (the cockpit's
    education chart, through ``registrations.selectors.education_counts``): no person leaves."""
    return Person.objects.filter(id_hash=id_hash).exclude(education="").values("education")[:1]


def person_search(*, user, q: str = "", node_code: str = "", residence: str = LIVING):
    """Scoped search; `node_code` narrows to a subtree. `q` is a full ID number, or words that must all match:
    a name, a mobile number, part of an address, a birth date (19900307 or 1990-03-07), the last 4–6 characters
    of an ID number (an officer at the counter is often told only those), or its first 14–17 (region and birth
    date, as on an old paper record), or the number masked as lists and exports show it (330106********1234,
    copied from one; other counts of * and full-width ＊ too). A legacy 15-digit number finds the person by its
    18-character form, whole or by its first 12–14 digits (region and YYMMDD birth date). A word that can only be
    meant as an ID number, its start or its masked form, and is not one (a whole number that fails its checks, a
    birth date that does not exist, an X before the 18th character) raises PersonSearchError saying what is
    wrong, rather than finding nobody. A mobile number matches only for a user who reads phone numbers
    (`person_fields`): for one who does not (the education department), a search by phone finds nobody, as an
    unknown number does, so it cannot tell whose number it is.

    A node outside the user's own subtree narrows to nothing rather than
    raising, so a list filter cannot be used to probe what exists elsewhere. ``residence`` as in person_queryset,
    but those living here by default: 实有人口 lists the people who live here.
    """
    qs = person_queryset(user=user, residence=residence)
    if node_code:
        node = node_list(user=user).filter(code=node_code).first()
        qs = qs.filter(jurisdiction__path__startswith=node.path) if node else qs.none()
    q = (q or "").strip()
    if not q:
        return qs
    id_hash = id_number_lookup_hash(q)
    if id_hash:
        return qs.filter(id_hash=id_hash)
    phone = getattr(user, "is_authenticated", False) and "phone" in person_fields(user=user)
    for word in q.split():
        qs = qs.filter(_word_filter(qs, word, phone=phone))
    return qs


def _phone_filter(word: str, phone: bool) -> Q:
    """`word` as a mobile number, for a reader of phone numbers (`phone`); for another it matches nothing by itself
    (an empty Q, left out of the alternatives it is joined to)."""
    return Q(phone=word) if phone else Q()


def _word_filter(qs, word: str, *, phone: bool) -> Q:
    """What one search word matches.

    Partial ID numbers are matched without a keyed index of their own and without revealing anything the list
    does not show: the stored masked copy keeps the first 6 and last 4 characters in clear ("330106********1234")
    and the birth date is a column of its own, so a tail of 4 characters, a region code, "region + birth date" and
    a masked number copied from a list are plain filters on what every list already displays (the 15th to 17th
    characters of a start are among the last 4 it shows). A masked number, and a start whose region is not shared
    by much of the register, are looked up in the index on id_masked (Person.Meta); a tail is filtered from the
    people in the reader's jurisdiction. Characters the mask hides (a 5th or 6th from the end) are checked by
    decrypting, in memory, only the candidates that the clear parts leave within the reader's jurisdiction (the
    queryset is already scoped): about one in ten thousand of its people for a tail. A keyed hash of the tail
    beside the full-number hash would add nothing the masked copy does not already give, and would need a
    migration and a second secret-derived index to keep.
    """
    id_hash = id_number_lookup_hash(word)
    if id_hash:
        return Q(id_hash=id_hash)
    try:
        patterns = masked_id_patterns(word)
    except InvalidIdNumber as exc:
        raise PersonSearchError(_search_problem(word, exc, "masked")) from exc
    if patterns:
        return _any_id_pattern_filter(qs, patterns)
    number = normalise_id_input(word)
    if _is_id_part(number):
        if len(number) >= 18:  # a whole number that is not valid (a typo) matches no one: say why
            raise PersonSearchError(_search_problem(word, InvalidIdNumber(id_number_errors(number)), "whole"))
        if 4 <= len(number) <= 6:
            match = _id_pattern_filter(qs, number.rjust(18, "*"))
            if len(number) == 6 and number.isdigit():  # or a region code: "330106 19900307"
                match |= Q(id_masked__startswith=number)
            return match | Q(address__icontains=word) | _phone_filter(word, phone)
        if 12 <= len(number) <= 17:
            match = _id_start_filter(qs, word, number, phone=phone)
            if match is not None:
                return match
    born = _date(word.replace("-", "")) if len(word) in (8, 10) else None
    if born:
        return Q(birth_date=born)
    return Q(name__icontains=word) | _phone_filter(word, phone) | Q(address__icontains=word)


def _id_start_filter(qs, word: str, number: str, *, phone: bool) -> Q | None:
    """The people whose number starts as `number` does (14–17 characters of an 18-character number, 12–15 digits of
    a legacy one), by region and birth date in the clear and the rest decrypted. 12 or 13 digits that do not begin
    with a region code are not taken for a number (a landline with its area code) and give None."""
    try:
        starts = id_number_starts(number)
    except InvalidIdNumber as exc:
        if len(number) < 14 and not region_exists(number[:6]):
            return None
        raise PersonSearchError(_search_problem(word, exc, "whole" if len(number) == 15 else "start")) from exc
    match = _any_id_pattern_filter(qs, [start.ljust(18, "*") for start in starts])
    if len(number) < 14:  # lengths that used to be searched as a phone number or part of an address only
        match |= _phone_filter(word, phone) | Q(address__icontains=word)
    return match


_SEARCH_PROBLEMS = {
    "whole": gettext_lazy("“%(word)s” is not a valid ID number: %(problems)s"),
    "start": gettext_lazy("“%(word)s” is not the start of a valid ID number: %(problems)s"),
    "masked": gettext_lazy("“%(word)s” is not a valid masked ID number: %(problems)s"),
}


def _search_problem(word: str, problem: InvalidIdNumber, meant_as: str) -> str:
    """What is wrong with `word`, meant as a whole number, its start or its masked form (a key of _SEARCH_PROBLEMS):
    the problems as lib.identity words them (str(): the reader's language in a request, both outside one)."""
    return str(_SEARCH_PROBLEMS[meant_as]) % {"word": word, "problems": str(problem)}


def _is_id_part(number: str) -> bool:
    return len(number) >= 4 and number[:-1].isdigit() and (number[-1].isdigit() or number[-1] == "X")


def _date(text: str):
    try:
        return datetime.date(int(text[:4]), int(text[4:6]), int(text[6:8])) if len(text) == 8 and text.isdigit() \
            else None
    except ValueError:
        return None


def _any_id_pattern_filter(qs, patterns) -> Q:
    """The people whose number fits any of `patterns`, the readings of what was typed."""
    return reduce(operator.or_, (_id_pattern_filter(qs, pattern) for pattern in patterns))


def _id_pattern_filter(qs, pattern: str) -> Q:
    """The people whose number fits `pattern`: 18 characters, "*" where the searcher does not know it.

    The columns in the clear decide what they can: id_masked, which shows the first 6 and last 4 characters (an
    equality when the pattern knows all ten, as a number copied from a list does, else a prefix, a suffix or the
    characters in between), and the birth date, as far as the pattern knows it from its start (1990****: born in
    1990). When the pattern knows more (a 5th or 6th character from the end, the end of a birth date), the
    candidates those leave inside the reader's jurisdiction, few as they show the last 3 or 4 characters, are
    decrypted here and compared; never returned.
    """
    shown = pattern[:6] + "*" * 8 + pattern[14:]  # what id_masked can say of the number
    birth = pattern[6:14].split("*")[0]
    clear = _shown_filter(shown) & _birth_filter(birth)
    if shown[:6] + birth.ljust(8, "*") + shown[14:] == pattern:  # stays one query
        return clear
    return Q(pk__in=[pk for pk, cipher in qs.filter(clear).values_list("pk", "id_cipher")
                     if _fits(crypto.decrypt(cipher), pattern)])


def _shown_filter(shown: str) -> Q:
    """id_masked showing what `shown` shows, 18 characters with "*" where it does not say."""
    if "*" not in shown[:6] + shown[14:]:
        return Q(id_masked=shown)
    match = Q()
    for run in re.finditer(r"[^*]+", shown):
        start, end = run.span()
        if start == 0:
            match &= Q(id_masked__startswith=run[0])
        elif end == 18:
            match &= Q(id_masked__endswith=run[0])
        else:  # the 15th to 17th characters without the 18th: a legacy number's sequence, a long start
            match &= Q(Exact(Substr("id_masked", start + 1, end - start), run[0]))
    return match


def _birth_filter(digits: str) -> Q:
    """Born on a date whose YYYYMMDD starts with `digits` (none to all 8, already checked to be a date if 8)."""
    if len(digits) == 8:
        return Q(birth_date=_date(digits))
    match = Q()
    for part, known, width in (("year", digits[:4], 4), ("month", digits[4:6], 2), ("day", digits[6:8], 2)):
        if known:
            match &= Q(**{f"birth_date__{part}__range": (int(known.ljust(width, "0")), int(known.ljust(width, "9")))})
    return match


def _fits(number: str, pattern: str) -> bool:
    return len(number) == len(pattern) and all(p in ("*", n) for p, n in zip(pattern, number))


def person_list_audit(*, user, ids, purpose: str = "", request=None, action: str = "person.list"):
    """Records that these people were shown in a list (one entry for the page, one subject row each)."""
    audit_log(actor=user, action=action, object_type="person", object_ids=list(ids),
              purpose=purpose or user.purpose or DEFAULT_PURPOSE, request=request)


def person_get(*, user, pk, purpose: str = "", request=None) -> Person:
    """One person, or 404 when absent or outside the user's jurisdiction (the two are indistinguishable)."""
    try:
        person = person_queryset(user=user).filter(pk=int(pk)).first()
    except (TypeError, ValueError):
        person = None
    if person is None:
        raise Http404("not found")
    audit_log(actor=user, action="person.read", object_type="person", object_ids=[person.pk],
              purpose=purpose or user.purpose or DEFAULT_PURPOSE, request=request)
    return person


def person_unmask_check(*, user, pk) -> None:
    """Refuses (403) a role whose duty does not need full numbers, and answers "not found" (404) for a person
    outside the user's jurisdiction; reads and audits nothing."""
    if not user.can_unmask:
        raise PermissionDenied
    if not person_queryset(user=user).filter(pk=pk).exists():
        raise Http404("not found")


def person_id_number_reveal(*, user, person: Person, purpose: str = "", request=None) -> str:
    """The full ID number, for roles whose duty needs it; every reveal is audited."""
    person_unmask_check(user=user, pk=person.pk)
    audit_log(actor=user, action="person.unmask", object_type="person", object_ids=[person.pk],
              purpose=purpose or user.purpose or DEFAULT_PURPOSE, request=request)
    return person.id_number


def person_own(*, user, request=None) -> Person | None:
    """A public user's own record, if one is linked to their account. The read is audited like any other: a
    record read through a stolen sign-in shows up, with its time and address, in the log."""
    person = Person.objects.filter(account=user).select_related("jurisdiction", "house").first()
    if person is not None:
        audit_log(actor=user, action="person.read.own", object_type="person", object_ids=[person.pk],
                  request=request, purpose="本人查询 own record")
    return person


def own_records(*, user, person: Person | None) -> dict:
    """The records that hold a public user's own information, by audit record type, for "who has looked at my
    information": their person record; their registrations (those linked to their account and those under their ID
    number in one of their names), under which the reads of their door events and the residence proofs are audited;
    the declarations filed for their ID number in one of their names or on their behalf; their door cards; their
    tenancies (landlords' check-ins). A query or two a type, each on an index (account, id_hash, registration).

    Police work about them is not theirs to watch (watchlist alerts, key-person reviews, data-fusion findings): listing
    who read those would tell a wanted person they are being looked for."""
    # the records live in apps above this one; imported here, as core.views does, to keep the app graph one-way
    from anju.doors.models import Credential
    from anju.houses.models import Tenancy
    from anju.registrations.models import Declaration, Registration
    from anju.registrations.services import same_name

    linked = list(Registration.objects.filter(account=user).values_list("pk", "id_hash", "name"))
    numbers = {number for _pk, number, _name in linked}
    names = {name for _pk, _number, name in linked}
    if person is not None:
        numbers.add(person.id_hash)
        names.add(person.name)

    def theirs(rows) -> list[int]:
        # a record under their number in another name is someone else's (the number mistyped, or misused: the
        # declaration queue flags it), and who read it is not theirs to see
        return [pk for pk, name in rows if any(same_name(name, n) for n in names)]

    registrations = [pk for pk, _number, _name in linked] + theirs(
        Registration.objects.filter(id_hash__in=numbers).exclude(account=user).values_list("pk", "name"))
    return {
        "person": [person.pk] if person is not None else [],
        "registration": registrations,
        "declaration": list(Declaration.objects.filter(on_behalf_of=user).values_list("pk", flat=True)) + theirs(
            Declaration.objects.filter(id_hash__in=numbers).exclude(on_behalf_of=user).values_list("pk", "name")),
        "door_credential": list(Credential.objects.filter(registration__in=registrations).values_list("pk", flat=True)),
        "tenancy": theirs(Tenancy.objects.filter(id_hash__in=numbers).values_list("pk", "name")),
    }
