"""A programme page: who it is for, how to join, when, and what its publish asks for."""

from django import forms
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.utils.functional import cached_property
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail import blocks
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, PageChooserPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, ReferenceIndex
from wagtail.search import index
from wagtail.snippets.blocks import SnippetChooserBlock
from wagtail_localize.fields import SynchronizedField, TranslatableField

from home.blocks import BodyBlock
from home.caching import remember
from home.models import BasePage
from home.structured_data import json_ld

from .. import eligibility, status
from ..blocks import JoiningStep, Question
from .snippets import (
    LIST_FEATURES,
    EligibilityCriterion,
    Partner,
    Region,
    TargetGroup,
    localized,
    site_today,
    source_language_only,
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


@receiver(post_save, sender=EligibilityCriterion)
def reindex_programmes_using(sender, instance, **kwargs):
    """A reworded criterion must be findable through the programmes that ask for it."""
    references = ReferenceIndex.get_references_to(instance).filter(
        base_content_type=ContentType.objects.get_for_model(Page)
    )
    ids = [int(pk) for pk in references.values_list("object_id", flat=True)]
    for programme in ProgrammePage.objects.live().filter(pk__in=ids):
        index.insert_or_update_object(programme)
