"""Form fields the apps' forms share."""
from django import forms

from anju.core.identity import id_number_parse
from anju.lib.identity import InvalidIdNumber


class IdNumberField(forms.CharField):
    """An ID number, checked as the services check it (lib.identity: length, characters, region, birth date, check
    digit), so that what is wrong shows with the field that holds it ("公民身份号码：校验码错误"), not above the form as
    a bare "校验码错误" that does not say which number is meant. The text is kept as typed: the service reads it again.
    What is said is worded for ``reader``, the user filling the form (anju.core.identity): a form staff also fill sets
    it; left None, the reader is the public and is not told which check digit the number should have."""

    reader = None

    def validate(self, value):
        super().validate(value)
        if value:
            try:
                id_number_parse(value, reader=self.reader)
            except InvalidIdNumber as exc:  # in the reader's language alone (core.middleware.ReaderLanguageMiddleware)
                raise forms.ValidationError(str(exc), code="invalid") from exc
