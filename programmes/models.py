import zoneinfo

from django import forms
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, F, Q, TextField, When
from django.db.models.functions import Cast, Length
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail import blocks
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, PageChooserPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Locale, Page, ReferenceIndex, TranslatableMixin
from wagtail.search import index
from wagtail.snippets.blocks import SnippetChooserBlock
from wagtail.snippets.models import register_snippet
from wagtail_localize.fields import SynchronizedField, TranslatableField

from home.blocks import RICH_TEXT_FEATURES, BodyBlock
from home.caching import remember
from home.indexing import AnalysedSearch
from home.models import BasePage, ModeratedSnippet
from home.pagination import paginate
from home.structured_data import json_ld

from . import eligibility, status

LIST_FEATURES = ["bold", "italic", "ul", "ol", "link"]


def site_today():
    """Today's date where the programme runs (settings.TIME_ZONE), whoever is asking."""
    return timezone.localdate(timezone=zoneinfo.ZoneInfo(settings.TIME_ZONE))


def source_language_only():
    """Pages link the source-language snippet; each language shows that snippet's translation."""
    return Q(locale__language_code=settings.LANGUAGE_CODE)


def localized(objects, locale_id, select_related=()):
    """Translatable snippets in the given locale where a published translation exists, in one
    query; the source stands in for a translation still waiting for a moderator."""
    objects = [obj for obj in objects if obj is not None]
    foreign = [obj for obj in objects if obj.locale_id != locale_id]
    if not foreign:
        return objects
    translations = {
        obj.translation_key: obj
        for obj in type(foreign[0])
        .objects.filter(
            locale_id=locale_id,
            translation_key__in=[obj.translation_key for obj in foreign],
            live=True,
        )
        .select_related(*select_related)
    }
    return [
        obj if obj.locale_id == locale_id else translations.get(obj.translation_key, obj)
        for obj in objects
    ]


class NamedSnippet(index.Indexed, ModeratedSnippet):
    """A named thing a programme serves, with a slug shared by its translations for filters."""

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(
        _("slug"),
        max_length=80,
        help_text=_("Used in filter addresses; the same in every language."),
    )

    panels = [FieldPanel("name"), FieldPanel("slug")]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.FilterField("locale_id"),
    ]
    translatable_fields = [TranslatableField("name"), SynchronizedField("slug", overridable=False)]

    class Meta(TranslatableMixin.Meta):
        abstract = True
        ordering = ["name"]

    def __str__(self):
        return self.name


@register_snippet
class Region(NamedSnippet):
    """A governorate or region a programme serves."""

    class Meta(NamedSnippet.Meta):
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        constraints = [
            models.UniqueConstraint(fields=["slug", "locale"], name="unique_region_slug_locale")
        ]


@register_snippet
class TargetGroup(NamedSnippet):
    """Who a programme is for: youth, women, associations, universities..."""

    class Meta(NamedSnippet.Meta):
        verbose_name = _("target group")
        verbose_name_plural = _("target groups")
        constraints = [
            models.UniqueConstraint(
                fields=["slug", "locale"], name="unique_target_group_slug_locale"
            )
        ]


@register_snippet
class Partner(AnalysedSearch, ModeratedSnippet):
    class Kind(models.TextChoices):
        GOVERNMENT = "government", _("Government")
        CIVIL_SOCIETY = "civil_society", _("Civil society")
        PRIVATE_SECTOR = "private_sector", _("Private sector")
        ACADEMIA = "academia", _("Academia")
        INTERNATIONAL = "international", _("International")

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=80)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("short description"), blank=True, max_length=500)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("kind"),
        FieldPanel("logo"),
        FieldPanel("website"),
        FieldPanel("description"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("description"),
        index.FilterField("kind"),
        index.FilterField("locale_id"),
        index.FilterField("live"),
    ]
    translatable_fields = [
        TranslatableField("name"),
        TranslatableField("description"),
        SynchronizedField("slug", overridable=False),
        SynchronizedField("kind", overridable=False),
        SynchronizedField("logo", overridable=False),
        SynchronizedField("website", overridable=False),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["slug", "locale"], name="unique_partner_slug_locale")
        ]

    def __str__(self):
        return self.name

    def get_url(self, request=None):
        """The partner's card in the directory of its language (for search results)."""
        directory = PartnerIndexPage.objects.live().filter(locale_id=self.locale_id).first()
        if directory is None:
            return None
        return f"{directory.get_url(request)}?kind={self.kind}#partner-{self.slug}"


@register_snippet
class EligibilityCriterion(index.Indexed, ModeratedSnippet):
    """One condition for joining, written once and reused by every programme it applies to."""

    class Kind(models.TextChoices):
        REQUIRED = "required", _("Required")
        PREFERRED = "preferred", _("Preferred")

    text = models.CharField(_("criterion"), max_length=300)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.REQUIRED)
    explanation = models.TextField(
        _("explanation"), blank=True, help_text=_("Why it is asked for, or how it is checked.")
    )
    question = models.CharField(
        _("question for the visitor"),
        max_length=300,
        blank=True,
        help_text=_(
            'A yes/no question for the "Am I eligible?" check; answering yes means the '
            "criterion is met. Leave empty when only the programme team can judge it."
        ),
    )

    panels = [
        FieldPanel("text"),
        FieldPanel("kind"),
        FieldPanel("explanation"),
        FieldPanel("question"),
    ]
    search_fields = [
        index.SearchField("text"),
        index.AutocompleteField("text"),
        index.SearchField("explanation"),
        index.SearchField("question"),
        index.FilterField("locale_id"),
    ]
    translatable_fields = [
        TranslatableField("text"),
        TranslatableField("explanation"),
        TranslatableField("question"),
        SynchronizedField("kind", overridable=False),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("eligibility criterion")
        verbose_name_plural = _("eligibility criteria")
        ordering = ["text"]

    def __str__(self):
        return self.text

    @property
    def required(self):
        return self.kind == self.Kind.REQUIRED


class JoiningStep(blocks.StructBlock):
    """One step of the joining mechanism; the page numbers the steps in their order."""

    title = blocks.CharBlock(label=_("Title"), max_length=200)
    text = blocks.TextBlock(label=_("Explanation"))
    documents = blocks.ListBlock(
        blocks.CharBlock(label=_("Document"), max_length=200),
        label=_("Required documents"),
        required=False,
        default=[],
    )
    link_page = blocks.PageChooserBlock(label=_("Link to a page"), required=False)
    link_url = blocks.URLBlock(label=_("Or an address"), required=False)
    link_label = blocks.CharBlock(label=_("Link text"), required=False, max_length=80)

    class Meta:
        icon = "list-ol"
        label = _("Step")


class Question(blocks.StructBlock):
    question = blocks.CharBlock(label=_("Question"), max_length=300)
    answer = blocks.RichTextBlock(label=_("Answer"), features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "help"
        label = _("Question")


class ProgrammeIndexPage(BasePage):
    """All programmes of one language, filterable without JavaScript."""

    intro = RichTextField(_("introduction"), blank=True, features=LIST_FEATURES)

    content_panels = [*BasePage.content_panels, FieldPanel("intro")]
    search_fields = [*BasePage.search_fields, index.SearchField("intro")]
    translatable_fields = [*BasePage.translatable_fields, TranslatableField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["programmes.ProgrammePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("programme index")

    def programmes(self):
        return ProgrammePage.objects.descendant_of(self).live().public()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        filters = ProgrammeFilters(self, request.GET)
        page_obj = paginate(request, filters.apply(self.programmes()))
        programmes = list(page_obj)
        groups = localized(
            {g.pk: g for p in programmes for g in p.target_groups.all()}.values(), self.locale_id
        )
        by_key = {g.translation_key: g for g in groups}
        today = site_today()
        for programme in programmes:
            programme.shown_groups = [
                by_key.get(g.translation_key, g) for g in programme.target_groups.all()
            ]
            programme.current_status = programme.status(today)
        context.update(filters=filters, page_obj=page_obj, programmes=programmes)
        return context


class ProgrammeFilters:
    """The listing's GET filters. Values that match nothing known are ignored, never an error."""

    def __init__(self, index_page, params):
        self.locale_id = index_page.locale_id
        self.tracks = sorted(
            set(
                index_page.programmes().exclude(track="").values_list("track", flat=True).distinct()
            )
        )
        self.regions = self._choices(Region)
        self.groups = self._choices(TargetGroup)
        self.statuses = list(STATUS_LABELS.items())

        def pick(name, known):
            value = params.get(name, "")
            return value if value in known else ""

        self.track = pick("track", self.tracks)
        self.status = pick("status", status.STATUSES)
        self.region = pick("region", {r.slug for r in self.regions})
        self.group = pick("group", {g.slug for g in self.groups})

    def _choices(self, model):
        """Choices in the page's language, each in the source language until translated."""
        return localized(model.objects.filter(source_language_only()), self.locale_id)

    @property
    def active(self):
        return any((self.track, self.status, self.region, self.group))

    def apply(self, programmes):
        if self.track:
            programmes = programmes.filter(track=self.track)
        if self.region:
            programmes = programmes.filter(regions__slug=self.region)
        if self.group:
            programmes = programmes.filter(target_groups__slug=self.group)
        programmes = with_status(programmes, site_today())
        if self.status:
            programmes = programmes.filter(status_rank=STATUS_RANKS[self.status])
        return (
            programmes.distinct()
            .order_by(
                "status_rank",
                F("open_order").asc(nulls_last=True),
                F("upcoming_order").asc(nulls_last=True),
                F("closed_order").desc(nulls_last=True),
                "title",
            )
            .prefetch_related("target_groups")
        )


STATUS_RANKS = {status.OPEN: 0, status.UPCOMING: 1, status.ANNOUNCED: 2, status.CLOSED: 3}
STATUS_LABELS = {
    status.OPEN: _("Open"),
    status.UPCOMING: _("Upcoming"),
    status.ANNOUNCED: _("Announced"),
    status.CLOSED: _("Closed"),
}


def status_label(programme):
    """Whether `programme` takes applications today, in the reader's language (search results)."""
    return str(STATUS_LABELS[programme.status()])


def with_status(programmes, today):
    """Annotate the status (as a rank: open, upcoming, announced, closed) and the date each sorts
    by: open ones closing soonest first, upcoming ones opening soonest, closed ones latest first.
    The same rules as status.programme_status, in SQL: no joining steps ("[]" as text), or no
    date at all, is announced."""
    return (
        programmes.annotate(steps_length=Length(Cast("joining_steps", TextField())))
        .annotate(
            status_rank=Case(
                When(Q(opens__isnull=True, closes__isnull=True) | Q(steps_length__lte=2), then=2),
                When(opens__gt=today, then=1),
                When(closes__lt=today, then=3),
                default=0,
                output_field=models.IntegerField(),
            )
        )
        .annotate(
            open_order=Case(When(status_rank=0, then=F("closes"))),
            upcoming_order=Case(When(status_rank=1, then=F("opens"))),
            closed_order=Case(When(status_rank=3, then=F("closes"))),
        )
    )


class ProgrammePageForm(WagtailAdminPageForm):
    """Publishing asks what visitors need at that moment: nothing more of an announced programme
    (no steps or no dates yet); a way to apply, named when missing, of an open one."""

    def clean(self):
        cleaned_data = super().clean()
        if "action-publish" not in self.data:
            return cleaned_data
        state = status.programme_status(
            cleaned_data.get("opens"),
            cleaned_data.get("closes"),
            site_today(),
            has_steps=bool(cleaned_data.get("joining_steps")),
        )
        if state != status.OPEN:
            return cleaned_data
        for name in status.missing_way_to_apply(
            form=cleaned_data.get("application_page") is not None,
            link=bool(cleaned_data.get("apply_url")),
            link_label=bool(cleaned_data.get("apply_label")),
            in_person=bool((cleaned_data.get("apply_in_person") or "").strip()),
        ):
            field, message = WAY_TO_APPLY_ERRORS[name]
            self.add_error(field, message)
        return cleaned_data


WAY_TO_APPLY_ERRORS = {
    "way_to_apply": (
        "application_page",
        _(
            "This programme is open: before publishing, give visitors a way to apply: its "
            "application form, an address on another site with its link text, or how to apply "
            "in person."
        ),
    ),
    "link_label": ("apply_label", _("Write the text of the link to apply on another site.")),
    "link": ("apply_url", _("Give the address of the link to apply on another site.")),
}


class ProgrammePage(BasePage):
    """One programme track or sub-programme: who it is for, how to join, and when."""

    track = models.CharField(
        _("track"), max_length=80, blank=True, help_text=_("Short name of the track, for filters.")
    )
    opens = models.DateField(_("opens on"), null=True, blank=True)
    closes = models.DateField(
        _("closes on"),
        null=True,
        blank=True,
        help_text=_("The last day applications are accepted. Leave empty if it never closes."),
    )
    objectives = RichTextField(_("objectives"), blank=True, features=LIST_FEATURES)
    benefits = RichTextField(_("benefits"), blank=True, features=LIST_FEATURES)
    target_groups = ParentalManyToManyField(
        TargetGroup,
        verbose_name=_("target groups"),
        blank=True,
        related_name="programmes",
        limit_choices_to=source_language_only,
    )
    regions = ParentalManyToManyField(
        Region,
        verbose_name=_("regions served"),
        blank=True,
        related_name="programmes",
        limit_choices_to=source_language_only,
    )
    partners = ParentalManyToManyField(
        Partner,
        verbose_name=_("partners"),
        blank=True,
        related_name="programmes",
        limit_choices_to=source_language_only,
    )
    eligibility = StreamField(
        [("criterion", SnippetChooserBlock(EligibilityCriterion, label=_("Criterion")))],
        blank=True,
        verbose_name=_("eligibility criteria"),
        help_text=_("Choose existing criteria or create new ones; drag them into order."),
    )
    joining_steps = StreamField(
        [("step", JoiningStep())], blank=True, verbose_name=_("joining steps")
    )
    body = StreamField(BodyBlock, blank=True, verbose_name=_("body"))
    faqs = StreamField(
        [("question", Question())], blank=True, verbose_name=_("frequently asked questions")
    )
    related_news = StreamField(
        [("page", blocks.PageChooserBlock(label=_("Page")))],
        blank=True,
        verbose_name=_("related news"),
    )
    application_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("application form"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Where the Apply button leads while the programme is open."),
    )
    apply_url = models.URLField(
        _("apply on another site: address"),
        blank=True,
        help_text=_("When applications are taken elsewhere, the address of that page."),
    )
    apply_label = models.CharField(
        _("apply on another site: link text"),
        max_length=80,
        blank=True,
        help_text=_("What the link says, e.g. “Apply on the ministry's portal”."),
    )
    apply_in_person = models.TextField(
        _("apply in person"),
        blank=True,
        max_length=500,
        help_text=_("Where and when to apply in person, when that is how applications are taken."),
    )

    base_form_class = ProgrammePageForm
    # `status` is computed for today: announced, upcoming, open or closed.
    api_fields = [
        APIField("track"),
        APIField("opens"),
        APIField("closes"),
        APIField("status"),
        APIField("apply_url"),
        APIField("apply_label"),
        APIField("apply_in_person"),
    ]
    content_panels = [
        *BasePage.content_panels,
        MultiFieldPanel(
            [FieldPanel("track"), FieldPanel("opens"), FieldPanel("closes")],
            heading=_("Track and dates"),
        ),
        FieldPanel("objectives"),
        FieldPanel("benefits"),
        MultiFieldPanel(
            [
                FieldPanel("target_groups", widget=forms.CheckboxSelectMultiple),
                FieldPanel("regions", widget=forms.CheckboxSelectMultiple),
            ],
            heading=_("Who and where"),
        ),
        FieldPanel("eligibility"),
        FieldPanel("joining_steps"),
        MultiFieldPanel(
            [
                PageChooserPanel("application_page"),
                FieldPanel("apply_url"),
                FieldPanel("apply_label"),
                FieldPanel("apply_in_person"),
            ],
            heading=_("How to apply"),
            help_text=_(
                "An open programme needs one of these: its application form, an address on "
                "another site with its link text, or how to apply in person."
            ),
        ),
        FieldPanel("body"),
        FieldPanel("faqs"),
        FieldPanel("partners", widget=forms.CheckboxSelectMultiple),
        FieldPanel("related_news"),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("track"),
        index.SearchField("objectives"),
        index.SearchField("benefits"),
        index.SearchField("body"),
        index.SearchField("joining_steps"),
        index.SearchField("faqs"),
        index.SearchField("criteria_text"),
        index.FilterField("opens"),
        index.FilterField("closes"),
    ]
    translatable_fields = [
        *BasePage.translatable_fields,
        TranslatableField("track"),
        SynchronizedField("opens", overridable=False),
        SynchronizedField("closes", overridable=False),
        TranslatableField("objectives"),
        TranslatableField("benefits"),
        SynchronizedField("target_groups", overridable=False),
        SynchronizedField("regions", overridable=False),
        SynchronizedField("partners", overridable=False),
        TranslatableField("eligibility"),
        TranslatableField("joining_steps"),
        TranslatableField("body"),
        TranslatableField("faqs"),
        SynchronizedField("related_news", overridable=False),
        SynchronizedField("application_page", overridable=False),
        SynchronizedField("apply_url"),
        TranslatableField("apply_label"),
        TranslatableField("apply_in_person"),
    ]

    parent_page_types = ["programmes.ProgrammeIndexPage", "programmes.ProgrammePage"]

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")

    def clean(self):
        super().clean()
        if self.opens and self.closes and self.closes < self.opens:
            raise ValidationError(
                {"closes": _("The closing date cannot be before the opening date.")}
            )

    # The public API other apps use (applications: whether to accept a submission).
    def status(self, today=None):
        return status.programme_status(
            self.opens, self.closes, today or site_today(), has_steps=bool(self.joining_steps)
        )

    def is_announced(self, today=None):
        return self.status(today) == status.ANNOUNCED

    def is_open(self, today=None):
        return self.status(today) == status.OPEN

    def days_left(self, today=None):
        return status.days_left(self.closes, today or site_today())

    def criteria_text(self):
        """The criteria's wording, so that a search for a condition finds the programme."""
        return [f"{c.text} {c.explanation} {c.question}" for c in self.criteria]

    @cached_property
    def criteria(self):
        """The criteria in the page's language, in the editor's order, deleted ones skipped."""
        chosen = [block.value for block in self.eligibility if block.value is not None]
        return localized(chosen, self.locale_id)

    def check_eligibility(self, params):
        """The "Am I eligible?" result for the submitted answers, or None before any answer."""
        if "check" not in params:
            return None
        criteria = [
            eligibility.Criterion(key=f"c{c.pk}", required=c.required, asks=bool(c.question))
            for c in self.criteria
        ]
        result = eligibility.evaluate(criteria, params)
        by_key = {f"c{c.pk}": c for c in self.criteria}
        return {
            "verdict": result.verdict,
            "outcomes": [(by_key[o.criterion.key], o.state) for o in result.outcomes],
        }

    def _shown(self):
        """What the page shows from elsewhere (its form, criteria, target groups, regions,
        partners, related news, each in the page's language), read once and kept until the
        content changes: saving a page, a snippet or an image changes its version."""

        def look_up():
            application = self.application_page
            if application is not None:
                application = application.localized
                if not application.live:
                    application = None
            return {
                "application": application,
                # What the joining steps say of files to upload, read with the rest.
                "largest_file": getattr(application and application.specific, "largest_file", None),
                "criteria": list(self.criteria),
                "target_groups": list(localized(self.target_groups.all(), self.locale_id)),
                "regions": list(localized(self.regions.all(), self.locale_id)),
                "partners": list(
                    localized(
                        self.partners.select_related("logo"),
                        self.locale_id,
                        select_related=["logo"],
                    )
                ),
                "related": [
                    page
                    for page in (
                        block.value.localized for block in self.related_news if block.value
                    )
                    if page.live
                ],
            }

        shown = remember(f"programme-shown:{self.pk}:{get_language()}", look_up)
        self.__dict__["criteria"] = shown["criteria"]
        return shown

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        today = site_today()
        shown = self._shown()
        answers = request.GET
        context.update(
            shown,
            today=today,
            programme_status=self.status(today),
            days_left=self.days_left(today),
            questions=[
                {"criterion": c, "name": f"c{c.pk}", "answer": answers.get(f"c{c.pk}", "")}
                for c in self.criteria
                if c.question
            ],
            eligibility_result=self.check_eligibility(answers),
        )
        return context

    def structured_data(self):
        """schema.org JSON-LD for search engines, escaped for a <script> element."""
        data = {
            "@context": "https://schema.org",
            "@type": "EducationalOccupationalProgram",
            "name": self.title,
            "description": self.meta_description,
            "url": self.full_url,
            "inLanguage": self.locale.language_code,
            "provider": {"@type": "GovernmentOrganization", "name": str(_("Tamkeen"))},
        }
        if self.opens:
            data["applicationStartDate"] = self.opens.isoformat()
        if self.closes:
            data["applicationDeadline"] = self.closes.isoformat()
        return json_ld(data)


class PartnerIndexPage(BasePage):
    """The partners directory, filterable by kind."""

    intro = RichTextField(_("introduction"), blank=True, features=LIST_FEATURES)

    content_panels = [*BasePage.content_panels, FieldPanel("intro")]
    search_fields = [*BasePage.search_fields, index.SearchField("intro")]
    translatable_fields = [*BasePage.translatable_fields, TranslatableField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("partners directory")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        kinds = Partner.Kind.choices
        kind = request.GET.get("kind", "")
        if kind not in dict(kinds):
            kind = ""
        partners = Partner.objects.filter(source_language_only()).select_related("logo")
        if kind:
            partners = partners.filter(kind=kind)
        shown = sorted(
            localized(partners, self.locale_id, select_related=["logo"]), key=lambda p: p.name
        )
        context.update(kinds=kinds, kind=kind, page_obj=paginate(request, shown, per_page=24))
        return context


def programmes_open_in(locale: Locale, limit):
    """Open programmes in a language, closing soonest first: the home page's teaser."""
    today = site_today()
    programmes = with_status(
        ProgrammePage.objects.live().public().filter(locale=locale), today
    ).filter(status_rank=STATUS_RANKS[status.OPEN])
    return programmes.order_by(F("closes").asc(nulls_last=True), "title")[:limit]


def programmes_coming_in(locale: Locale, limit):
    """Upcoming programmes (opening soonest first), then announced ones: the home page's "coming
    soon", each with its status."""
    today = site_today()
    programmes = with_status(
        ProgrammePage.objects.live().public().filter(locale=locale), today
    ).filter(status_rank__in=[STATUS_RANKS[status.UPCOMING], STATUS_RANKS[status.ANNOUNCED]])
    return programmes.order_by("status_rank", F("opens").asc(nulls_last=True), "title")[:limit]


@receiver(post_save, sender=EligibilityCriterion)
def reindex_programmes_using(sender, instance, **kwargs):
    """A reworded criterion must be findable through the programmes that ask for it."""
    references = ReferenceIndex.get_references_to(instance).filter(
        base_content_type=ContentType.objects.get_for_model(Page)
    )
    ids = [int(pk) for pk in references.values_list("object_id", flat=True)]
    for programme in ProgrammePage.objects.live().filter(pk__in=ids):
        index.insert_or_update_object(programme)
