"""Who is told what about a mistyped ID number: the one place that decides. Staff (police, auxiliaries, departments,
administrators) are told everything lib.identity finds, the check digit the number should end in included, as they
check the number against a card or the registry. Anyone else (a resident declaring, a landlord checking a tenant in, an
employer, nobody signed in) is told that the check digit is wrong and to check the number, never which digit would make
it valid: that would invite a number that passes but is still not theirs."""
from anju.lib.identity import IdNumber, InvalidIdNumber, parse_id_number


def told_hints(reader) -> bool:
    """Whether ``reader`` (a user, or None where none is known) is told the check digit a number should have."""
    return bool(reader is not None and getattr(reader, "is_staff_role", False))


def id_number_parse(raw: str, *, reader) -> IdNumber:
    """``parse_id_number``, its InvalidIdNumber worded for ``reader`` (``told_hints``)."""
    try:
        return parse_id_number(raw)
    except InvalidIdNumber as exc:
        if told_hints(reader):
            raise
        raise exc.without_hints() from None
