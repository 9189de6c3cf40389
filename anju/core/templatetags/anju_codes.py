"""``{{ value|code_label:"sex" }}``: a national code (GB/T 2261.1 sex, GB 3304 ethnicity …) in words, in the active
language; a value that is not a code of the table is shown as it is."""
from django import template

from anju.core.codes import _label
from anju.lib import codes

register = template.Library()


@register.filter
def code_label(value, table_name: str) -> str:
    value = "" if value is None else str(value)
    if not value or table_name not in codes.TABLES or value not in codes.TABLES[table_name].codes:
        return value
    return _label(table_name, value)
