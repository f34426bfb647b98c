"""The catalogue: the index of modules with its certificate pages and public certificate check, the
modules with their prerequisites, and the certificates learners earn. They name one another
(a certificate links its module and finds its index), so they share a module."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.fields import StreamField
from wagtail.models import Orderable
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from home import codes, ratelimit
from home.blocks import BodyBlock
from home.caching import remembered_for_page
from home.codes import normalise_code
from home.lookups import active_locale
from home.models import BasePage
from home.pagination import paginate

from ..choices import LEVELS, NAME_MAX_LENGTH, TOPICS
from ..filters import CatalogueFilters
from ..forms import CertificateForm, VerifyForm
from ..progress import ModuleProgress, Progress
from .lessons import LessonPage, render_with_status, with_lesson_counts


def format_duration(minutes):
    """“2 hours 30 minutes” in the active language."""
    hours, rest = divmod(minutes or 0, 60)
    parts = []
    if hours:
        parts.append(ngettext("%(count)d hour", "%(count)d hours", hours) % {"count": hours})
    if rest or not hours:
        parts.append(ngettext("%(count)d minute", "%(count)d minutes", rest) % {"count": rest})
    return gettext(" and ").join(parts)


class LearningIndexPage(RoutablePageMixin, BasePage):
    """The catalogue of modules, certificate pages and the public certificate check."""

    body = StreamField(BodyBlock, blank=True, verbose_name=_("introduction"))

    content_panels = [*BasePage.content_panels, FieldPanel("body")]
    search_fields = [*BasePage.search_fields, index.SearchField("body")]
    translatable_fields = [*BasePage.translatable_fields, TranslatableField("body")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["learning.ModulePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("e-learning catalogue")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["verify_url"] = self.url + self.reverse_subpage("verify")
        return context

    def modules(self):
        return ModulePage.objects.child_of(self).live().public().order_by("path")

    @path("", name="catalogue")
    def catalogue(self, request):
        filters = CatalogueFilters(request.GET, self.modules())
        page_obj = paginate(
            request, filters.qs, remembered_as=f"modules:{self.pk}{filters.query_string}"
        )
        # Read only when the list is rendered: the template remembers it (`{% remembered %}`).
        modules = SimpleLazyObject(lambda: with_lesson_counts(list(page_obj)))
        return self.render(
            request,
            context_overrides={"filters": filters, "page_obj": page_obj, "modules": modules},
        )

    @path("verify/", name="verify")
    def verify(self, request):
        form = VerifyForm(request.GET or None)
        context = {"form": form, "checked": False}
        if form.is_bound and form.is_valid():
            if not ratelimit.allow(request, "verify"):
                return rate_limited(request, self)
            context["checked"] = True
            context["certificate"] = Certificate.objects.find(form.cleaned_data["code"])
        return self.render(request, template="learning/verify.html", context_overrides=context)

    @path("certificates/<str:code>/", name="certificate")
    def certificate(self, request, code):
        if not ratelimit.allow(request, "verify"):
            return rate_limited(request, self)
        certificate = Certificate.objects.find(code)
        if certificate is None:
            raise Http404
        return self.render(
            request,
            template="learning/certificate.html",
            context_overrides={
                "certificate": certificate,
                "verify_url": request.build_absolute_uri(self.url + self.reverse_subpage("verify")),
            },
        )

    def certificate_url(self, certificate):
        return self.url + self.reverse_subpage("certificate", kwargs={"code": certificate.code})


def rate_limited(request, page):
    return TemplateResponse(
        request, "learning/rate_limited.html", {"page": page, "self": page}, status=429
    )


class ModulePrerequisite(Orderable):
    module = ParentalKey(
        "learning.ModulePage", on_delete=models.CASCADE, related_name="prerequisite_links"
    )
    prerequisite = models.ForeignKey(
        "learning.ModulePage",
        verbose_name=_("module"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [PageChooserPanel("prerequisite", "learning.ModulePage")]

    class Meta(Orderable.Meta):
        verbose_name = _("prerequisite")
        verbose_name_plural = _("prerequisites")


class ModulePage(RoutablePageMixin, BasePage):
    topic = models.CharField(_("topic"), max_length=40, choices=TOPICS)
    level = models.CharField(_("level"), max_length=20, choices=LEVELS, default="beginner")
    duration_minutes = models.PositiveIntegerField(
        _("estimated duration (minutes)"), default=60, validators=[MinValueValidator(1)]
    )
    audience = models.TextField(_("who it is for"), blank=True)
    objectives = StreamField(
        [("objective", blocks.CharBlock(label=_("Objective"), max_length=300))],
        blank=True,
        verbose_name=_("objectives"),
        help_text=_("What learners can do after the module, one per item."),
    )
    body = StreamField(BodyBlock, blank=True, verbose_name=_("introduction"))
    materials = StreamField(
        [
            (
                "document",
                blocks.StructBlock(
                    [
                        ("document", DocumentChooserBlock(label=_("Document"))),
                        (
                            "label",
                            blocks.CharBlock(label=_("Label"), required=False, max_length=200),
                        ),
                    ],
                    icon="doc-full",
                    label=_("Document"),
                ),
            )
        ],
        blank=True,
        verbose_name=_("downloadable materials"),
    )
    pass_mark = models.PositiveSmallIntegerField(
        _("quiz pass mark (%)"),
        default=70,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_("The score a learner needs on each quiz of the module for the certificate."),
    )
    featured = models.BooleanField(
        _("featured"), default=False, help_text=_("Shown first on the home page.")
    )

    content_panels = [
        *BasePage.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("topic"),
                FieldPanel("level"),
                FieldPanel("duration_minutes"),
                FieldPanel("pass_mark"),
                FieldPanel("featured"),
            ],
            heading=_("About the module"),
        ),
        FieldPanel("audience"),
        FieldPanel("objectives"),
        InlinePanel("prerequisite_links", label=_("Prerequisites"), heading=_("Prerequisites")),
        FieldPanel("body"),
        FieldPanel("materials"),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("audience"),
        index.SearchField("objectives"),
        index.SearchField("body"),
        index.FilterField("topic"),
        index.FilterField("level"),
    ]
    translatable_fields = [
        *BasePage.translatable_fields,
        SynchronizedField("topic", overridable=False),
        SynchronizedField("level", overridable=False),
        SynchronizedField("duration_minutes", overridable=False),
        SynchronizedField("pass_mark", overridable=False),
        SynchronizedField("featured", overridable=False),
        TranslatableField("audience"),
        TranslatableField("objectives"),
        TranslatableField("body"),
        SynchronizedField("materials", overridable=False),
        SynchronizedField("prerequisite_links", overridable=False),
    ]

    parent_page_types = ["learning.LearningIndexPage"]
    subpage_types = ["learning.LessonPage"]

    class Meta:
        verbose_name = _("learning module")

    @property
    def duration_display(self):
        return format_duration(self.duration_minutes)

    def lessons(self):
        """Its live, public lessons in order: the same for every learner, so remembered until
        the content changes."""
        return remembered_for_page(
            self,
            "lessons",
            lambda: list(LessonPage.objects.child_of(self).live().public().order_by("path")),
        )

    def prerequisites(self):
        """Prerequisite modules in the reader's language when translated, live ones only."""

        def find():
            pages = [link.prerequisite.localized for link in self.prerequisite_links.all()]
            return [page for page in pages if page.live]

        return remembered_for_page(self, "prerequisites", find)

    def progress_for(self, request, lessons=None):
        lessons = self.lessons() if lessons is None else lessons
        return ModuleProgress.of(Progress.for_request(request), lessons, self.pass_mark)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        progress = self.progress_for(request)
        store = Progress.for_request(request)
        code = store.certificate_code(self)
        certificate = Certificate.objects.find(code) if code else None
        prerequisites = self.prerequisites()
        context.update(
            progress=progress,
            certificate=certificate,
            certificate_action=self.url + self.reverse_subpage("certificate"),
            certificate_url=certificate.url() if certificate else None,
            prerequisites=[
                (module, module.progress_for(request).finished) for module in prerequisites
            ],
        )
        return context

    @path("", name="module")
    def module(self, request):
        return self.render(request, context_overrides={"form": CertificateForm()})

    @path("certificate/", name="certificate")
    def issue_certificate(self, request):
        """Learners who finished the module ask for their certificate with their name."""
        if request.method != "POST":
            return HttpResponseRedirect(self.url)
        if not self.progress_for(request).finished:
            return HttpResponseRedirect(self.url)
        store = Progress.for_request(request)
        issued = Certificate.objects.find(store.certificate_code(self))
        if issued is not None:
            # Sending the form again (back button, double click) does not issue a second one.
            return HttpResponseRedirect(issued.url())
        form = CertificateForm(request.POST)
        if not form.is_valid():
            return render_with_status(self, request, {"form": form}, 400)
        if not ratelimit.allow(request, "certificate"):
            return rate_limited(request, self)
        certificate = Certificate.objects.create(
            name=form.cleaned_data["name"], module=self, module_title=self.title
        )
        store.remember_certificate(self, certificate.code)
        return HttpResponseRedirect(certificate.url())


def new_code():
    """A certificate's code (home/codes.py), under the name the certificate's migration uses."""
    return codes.new_code()


class CertificateQuerySet(models.QuerySet):
    def find(self, code):
        """The certificate with this code as typed, or None (malformed codes never reach the
        database)."""
        code = normalise_code(code or "")
        if code is None:
            return None
        return self.select_related("module").filter(code=code).first()


class Certificate(models.Model):
    """A certificate of completion, checked by anyone who has its code."""

    code = models.CharField(
        _("verification code"), max_length=24, unique=True, default=new_code, editable=False
    )
    name = models.CharField(_("learner's name"), max_length=NAME_MAX_LENGTH)
    module = models.ForeignKey(
        ModulePage,
        verbose_name=_("module"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="certificates",
    )
    # Kept so that a certificate still verifies after its module is deleted.
    module_title = models.CharField(_("module title"), max_length=255)
    issued_at = models.DateTimeField(_("issued"), default=timezone.now)

    objects = CertificateQuerySet.as_manager()

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")

    def __str__(self):
        return self.code

    @property
    def module_in_language(self):
        """The module in the reader's language when translated."""
        return self.module.localized if self.module else None

    @property
    def title(self):
        module = self.module_in_language
        return module.title if module else self.module_title

    def url(self):
        """The certificate's page in the reader's language."""
        if self.module:
            index = self.module_in_language.get_parent().specific
        else:
            indexes = LearningIndexPage.objects.live()
            index = indexes.filter(locale=active_locale()).first() or indexes.first()
        return index.certificate_url(self) if index else None
