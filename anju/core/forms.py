"""Form fields the apps' forms share."""
from django import forms

from anju.lib.identity import InvalidIdNumber, parse_id_number


class IdNumberField(forms.CharField):
    """An ID number, checked as the services check it (lib.identity: length, characters, region, birth date, check
    digit), so that what is wrong shows with the field that holds it ("公民身份号码：校验码错误"), not above the form as
    a bare "校验码错误" that does not say which number is meant. The text is kept as typed: the service reads it again."""

    def validate(self, value):
        super().validate(value)
        if value:
            try:
                parse_id_number(value)
            except InvalidIdNumber as exc:  # in the reader's language alone (core.middleware.ReaderLanguageMiddleware)
                raise forms.ValidationError(str(exc), code="invalid") from exc
