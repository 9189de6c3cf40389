"""Django's translated messages in both languages, for what is read where no reader is known.

An import's report and a command's error are read on the command line, by people who may read either language: a
message made there gives both ("…不是日期 / … is not a date"), as the pure modules' errors do (``lib.bilingual``);
made inside a web request it gives the reader's language alone."""
from django.utils import translation

from anju.lib.bilingual import bilingual


def both(message, /, **params) -> str:
    """``message`` (a ``gettext_lazy`` string, so that makemessages finds it) % ``params`` in Chinese and English."""
    texts = []
    for language in ("zh-hans", "en"):
        with translation.override(language):
            text = str(message)
            texts.append(text % params if params else text)
    return bilingual(*texts)
