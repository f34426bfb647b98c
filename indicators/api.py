"""Indicators in the read-only API v2: /api/v2/indicators/ (?locale=ar|en|fr, ?slug=)."""

from rest_framework.fields import CharField, Field
from wagtail.api import APIField
from wagtail.api.v2.filters import FieldsFilter, OrderingFilter
from wagtail.api.v2.views import BaseAPIViewSet

from .models import Indicator


class PointsField(Field):
    def to_representation(self, points):
        return [
            {
                "date": p["date"].isoformat(),
                "group": p["category"],
                "value": float(p["value"]),
            }
            for p in points
        ]


class IndicatorsAPIViewSet(BaseAPIViewSet):
    model = Indicator
    body_fields = [
        *BaseAPIViewSet.body_fields,
        "slug",
        "name",
        "unit",
        "unit_label",
        "definition",
        "source",
        "source_url",
        "demo",
        "computed",
        APIField("locale", serializer=CharField(source="locale.language_code")),
        APIField("points", serializer=PointsField()),
    ]
    listing_default_fields = [*BaseAPIViewSet.listing_default_fields, "slug", "name", "locale"]
    filter_backends = [FieldsFilter, OrderingFilter]
    known_query_parameters = BaseAPIViewSet.known_query_parameters | {"locale"}
    name = "indicators"

    def get_queryset(self):
        indicators = Indicator.objects.filter(live=True).select_related("locale")
        locale = self.request.GET.get("locale")
        if locale:
            indicators = indicators.filter(locale__language_code=locale)
        return indicators.order_by("locale_id", "sort_order", "name")
