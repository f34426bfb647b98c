"""Factories so a test builds content in one line: StandardPageFactory(parent=home, title=...)."""

import datetime

import factory
import wagtail_factories
from django.utils import timezone

from home.models import HomePage, StandardPage
from news.models import EventIndexPage, EventPage, NewsIndexPage, NewsPage


class HomePageFactory(wagtail_factories.PageFactory):
    title = "الرئيسية"
    hero_heading = "معًا نحو مجتمع مدني رقمي"

    class Meta:
        model = HomePage


class StandardPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"صفحة {n}")
    slug = factory.Sequence(lambda n: f"page-{n}")
    summary = "ملخص قصير للصفحة."

    class Meta:
        model = StandardPage


# News and events


class NewsIndexPageFactory(wagtail_factories.PageFactory):
    title = "الأخبار"
    slug = "news"

    class Meta:
        model = NewsIndexPage


class NewsPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"خبر رقم {n}")
    slug = factory.Sequence(lambda n: f"news-{n}")
    summary = "ملخص الخبر."
    date = factory.Sequence(lambda n: datetime.date(2025, 1, 1) + datetime.timedelta(days=n))

    class Meta:
        model = NewsPage


class EventIndexPageFactory(wagtail_factories.PageFactory):
    title = "الفعاليات"
    slug = "events"

    class Meta:
        model = EventIndexPage


class EventPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"ورشة رقم {n}")
    slug = factory.Sequence(lambda n: f"event-{n}")
    summary = "ورشة تدريبية للجمعيات."
    place = "مركز التنمية الاجتماعية، شارع بغداد"
    region = "دمشق"
    starts = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=7))
    ends = factory.LazyAttribute(lambda o: o.starts + datetime.timedelta(hours=3))

    class Meta:
        model = EventPage
