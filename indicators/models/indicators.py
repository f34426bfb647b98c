"""An indicator: a figure with a definition, a source, a unit and a kind of chart, the form that
checks its typed values, and its latest figure."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.forms import Select
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.models import ClusterableModel
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.fields import RichTextField
from wagtail.models import Locale, PreviewableMixin, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from home.figures import COMPUTATIONS, computation_choices, group_names
from home.lookups import language_code
from home.models import ModeratedSnippet

TEXT_FEATURES = ["bold", "italic", "link", "ul", "ol"]


class Unit(models.TextChoices):
    COUNT = "count", _("A count (whole numbers)")
    PERCENT = "percent", _("A percentage (0 to 100)")
    HOURS = "hours", _("Hours")
    AMOUNT = "amount", _("An amount")


class Kind(models.TextChoices):
    SERIES = "series", _("A series over time (line chart)")
    BREAKDOWN = "breakdown", _("A breakdown by group (bar chart)")


def unit_problem(unit, value):
    """Why `value` cannot be a value of an indicator in `unit`, or None."""
    if value is None:
        return _("Enter a value.")
    if unit in (Unit.COUNT, Unit.PERCENT, Unit.HOURS, Unit.AMOUNT) and value < 0:
        return _("A value of this indicator cannot be negative.")
    if unit == Unit.COUNT and value != value.to_integral_value():
        return _("This indicator counts whole things: enter a whole number, not %(value)s.") % {
            "value": value
        }
    if unit == Unit.PERCENT and value > 100:
        return _("This indicator is a percentage: enter a number from 0 to 100, not %(value)s.") % {
            "value": value
        }
    return None


class IndicatorForm(WagtailAdminModelForm):
    """Values that fit the indicator: dated, not in the future, in its unit, one per date (and
    group); none typed for a computed indicator."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "computation" in self.fields:
            # What the apps registered (home/figures.py), known once every app is ready.
            self.fields["computation"].widget = Select(
                choices=[("", _("None: the values are typed")), *computation_choices()]
            )

    def clean(self):
        cleaned = super().clean()
        values = self.formsets.get("values")
        if values is None:
            return cleaned
        values.is_valid()  # each row checked on its own first: its fields, its date
        rows = [
            form
            for form in values.forms
            if getattr(form, "cleaned_data", None) and not form.cleaned_data.get("DELETE")
        ]
        if cleaned.get("computation") and rows:
            self.add_error(
                "computation",
                _(
                    "A computed indicator takes its values from the site every night: remove the "
                    "typed values, or choose no computation."
                ),
            )
        unit, kind = cleaned.get("unit"), cleaned.get("kind")
        seen = set()
        for form in rows:
            value, day = form.cleaned_data.get("value"), form.cleaned_data.get("date")
            problem = unit_problem(unit, value) if value is not None else None
            if problem:
                form.add_error("value", problem)
            category = (form.cleaned_data.get("category") or "").strip()
            if kind == Kind.BREAKDOWN and not category:
                form.add_error("category", _("A breakdown needs the group of each value."))
            if (day, category) in seen:
                form.add_error("date", _("This date (and group) already has a value."))
            seen.add((day, category))
        return cleaned


class Indicator(PreviewableMixin, ModeratedSnippet, ClusterableModel):
    """A figure the programme reports: what it counts, where it comes from, its values."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(
        _("slug"), max_length=80, allow_unicode=False, help_text=_("Its address and file names.")
    )
    unit = models.CharField(_("unit"), max_length=16, choices=Unit.choices, default=Unit.COUNT)
    unit_label = models.CharField(
        _("what it counts"),
        max_length=60,
        blank=True,
        help_text=_("Shown after the figure: associations, trainees, hours..."),
    )
    kind = models.CharField(_("chart"), max_length=16, choices=Kind.choices, default=Kind.SERIES)
    definition = models.TextField(_("definition"))
    source = models.CharField(_("source"), max_length=255)
    source_url = models.URLField(_("source address"), blank=True)
    methodology = RichTextField(_("methodology"), blank=True, features=TEXT_FEATURES)
    programme = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("programme or track"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    computation = models.CharField(
        _("computed from the site's data"),
        max_length=64,
        blank=True,
        help_text=_(
            "Leave empty to type the values. A computed indicator is counted every night from "
            "the site's own data; its values are never typed."
        ),
    )
    demo = models.BooleanField(
        _("demonstration data"),
        default=False,
        help_text=_("Invented figures for trying the site: said so wherever they are shown."),
    )
    sort_order = models.PositiveSmallIntegerField(_("order on the indicators page"), default=0)

    base_form_class = IndicatorForm

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        MultiFieldPanel(
            [FieldPanel("unit"), FieldPanel("unit_label"), FieldPanel("kind")],
            heading=_("What it measures"),
        ),
        FieldPanel("definition"),
        MultiFieldPanel(
            [FieldPanel("source"), FieldPanel("source_url"), FieldPanel("methodology")],
            heading=_("Source"),
        ),
        PageChooserPanel("programme", page_type="programmes.ProgrammePage"),
        FieldPanel("computation"),
        FieldPanel("demo"),
        FieldPanel("sort_order"),
        InlinePanel("values", label=_("Values")),
    ]

    translatable_fields = [
        TranslatableField("name"),
        TranslatableField("unit_label"),
        TranslatableField("definition"),
        TranslatableField("source"),
        TranslatableField("methodology"),
        SynchronizedField("slug", overridable=False),
        SynchronizedField("unit", overridable=False),
        SynchronizedField("kind", overridable=False),
        SynchronizedField("source_url"),
        SynchronizedField("programme", overridable=False),
        SynchronizedField("computation", overridable=False),
        SynchronizedField("demo", overridable=False),
        SynchronizedField("sort_order", overridable=False),
        SynchronizedField("values", overridable=False),
    ]

    search_fields = [index.SearchField("name"), index.SearchField("definition")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["sort_order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["slug", "locale"], name="unique_indicator_slug_locale")
        ]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        if self.computation and self.computation not in COMPUTATIONS:
            raise ValidationError({"computation": _("The site cannot compute this figure.")})

    @property
    def computed(self):
        return bool(self.computation)

    @cached_property
    def source_indicator(self):
        """The indicator in the default language, which holds the values of every language."""
        default = Locale.get_default()
        if self.locale_id == default.pk:
            return self
        found = Indicator.objects.filter(translation_key=self.translation_key, locale=default)
        return found.first() or self

    @cached_property
    def points(self):
        """Every value, oldest first: [{"date", "category", "language", "value"}], groups named
        in this indicator's language where the app that names them knows how; `language` is the
        default language's code for a group left as typed there, else ""."""
        source = self.source_indicator
        rows = source.computed_values.all() if self.computation else source.values.all()
        rows = sorted(rows, key=lambda r: (r.date, r.category))
        names = {row.category for row in rows if row.category}
        if names and source.pk != self.pk:
            names = group_names(names, self.locale)
            untranslated = language_code(source)
        else:
            names = {name: name for name in names}
            untranslated = ""
        return [
            {
                "date": row.date,
                "category": names.get(row.category, ""),
                "language": untranslated if names.get(row.category) == row.category else "",
                "value": row.value,
            }
            for row in rows
        ]

    @cached_property
    def latest_date(self):
        return max((p["date"] for p in self.points), default=None)

    @cached_property
    def latest(self):
        """The points of the latest date: one for a series, one per group for a breakdown."""
        return [p for p in self.points if p["date"] == self.latest_date]

    @cached_property
    def headline(self):
        """The figure a key-figures block shows: the latest total (a breakdown's sum)."""
        if not self.latest:
            return None
        if self.kind == Kind.BREAKDOWN:
            return sum((p["value"] for p in self.latest), Decimal(0))
        return self.latest[-1]["value"]

    def get_preview_template(self, request, mode_name):
        return "indicators/indicator_preview.html"

    def get_preview_context(self, request, mode_name):
        return {"indicator": self}


def published_indicators(locale):
    """The published indicators of a language, with their values in one query each."""
    return (
        Indicator.objects.filter(live=True, locale=locale)
        .select_related("programme")
        .order_by("sort_order", "name")
    )
