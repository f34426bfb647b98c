"""Factories so a test builds content in one line: StandardPageFactory(parent=home, title=...)."""

import factory
import wagtail_factories

from home.models import HomePage, StandardPage


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
