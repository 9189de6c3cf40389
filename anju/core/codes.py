"""National code tables (anju.lib.codes) as Django choices and an API endpoint.

Labels follow the active language: Chinese by default, English when asked.
"""
from django.utils.functional import lazy
from django.utils.translation import get_language
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from anju.lib import codes


def _label(table_name: str, code: str) -> str:
    lang = "en" if (get_language() or "zh").startswith("en") else "zh"
    return codes.TABLES[table_name].label(code, lang=lang) or code


_lazy_label = lazy(_label, str)


def code_choices(table_name: str) -> list[tuple[str, str]]:
    return [(code, _lazy_label(table_name, code)) for code in codes.TABLES[table_name].codes]


class CodeEntrySerializer(serializers.Serializer):
    code = serializers.CharField()
    zh = serializers.CharField()
    en = serializers.CharField()


class CodeTableSerializer(serializers.Serializer):
    name = serializers.CharField()
    standard = serializers.CharField()
    entries = CodeEntrySerializer(many=True)


class CodeTablesView(APIView):
    """The national code tables Anju uses (GB/T 2261.1, GB 3304, GB/T 4658, …), with Chinese and English names."""

    permission_classes = [AllowAny]
    serializer_class = CodeTableSerializer

    def get(self, request):
        data = [{"name": name, "standard": table.standard,
                 "entries": [{"code": c, "zh": zh, "en": en} for c, zh, en in table.entries]}
                for name, table in codes.TABLES.items()]
        return Response(CodeTableSerializer(data, many=True).data)
