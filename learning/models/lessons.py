"""Lessons: a lesson page with its quiz and “mark as complete”, and the live lessons of each
module counted for the catalogue."""

from django.db.models import Q
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.search import index
from wagtail_localize.fields import TranslatableField

from home.models import BasePage, visible

from .. import quiz as scoring
from ..blocks import LessonBodyBlock, quiz_from_value
from ..progress import Progress


def lesson_counts(modules):
    """Live lessons per module, in one query: {module pk: count}."""
    modules = list(modules)
    if not modules:
        return {}
    by_path = {module.path: module.pk for module in modules}
    condition = Q()
    for module in modules:
        condition |= Q(path__startswith=module.path, depth=module.depth + 1)
    counts = dict.fromkeys(by_path.values(), 0)
    steplen = LessonPage.steplen
    for lesson_path in (
        LessonPage.objects.live().public().filter(condition).values_list("path", flat=True)
    ):
        counts[by_path[lesson_path[:-steplen]]] += 1
    return counts


def with_lesson_counts(modules):
    """`modules` (a list), each with its `lesson_count`, counted in one query."""
    counts = lesson_counts(modules)
    for module in modules:
        module.lesson_count = counts.get(module.pk, 0)
    return modules


def render_with_status(page, request, context, status):
    response = page.render(request, context_overrides=context)
    response.status_code = status
    return response


class LessonPage(RoutablePageMixin, BasePage):
    body = StreamField(LessonBodyBlock, blank=True, verbose_name=_("lesson"))

    content_panels = [*BasePage.content_panels, FieldPanel("body")]
    search_fields = [*BasePage.search_fields, index.SearchField("body")]
    translatable_fields = [*BasePage.translatable_fields, TranslatableField("body")]

    parent_page_types = ["learning.ModulePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("lesson")

    @cached_property
    def quiz(self):
        """The lesson's quiz (scoring.Quiz), or None."""
        for block in self.body:
            if block.block_type == "quiz":
                return quiz_from_value(block.value)
        return None

    @cached_property
    def module(self):
        return self.get_parent().specific

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        module = self.module
        lessons = module.lessons()
        progress = module.progress_for(request, lessons)
        index = next((i for i, lesson in enumerate(lessons) if lesson.pk == self.pk), None)
        context.update(
            module=module,
            progress=progress,
            status=progress.status_of(self),
            previous_lesson=lessons[index - 1] if index else None,
            next_lesson=lessons[index + 1]
            if index is not None and index + 1 < len(lessons)
            else None,
            complete_url=self.url + self.reverse_subpage("complete"),
            quiz_url=self.url + self.reverse_subpage("quiz"),
        )
        return context

    @path("", name="lesson")
    def lesson(self, request):
        return self.render(request)

    @path("complete/", name="complete")
    def complete(self, request):
        """“Mark as complete” on a lesson without a quiz; passing a quiz completes its lesson."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if self.quiz is None:
            Progress.for_request(request).complete(self)
        following = visible(self.get_next_siblings()).type(LessonPage).first()
        return HttpResponseRedirect(following.url if following else self.module.url)

    @path("quiz/", name="quiz")
    def take_quiz(self, request):
        if request.method != "POST":
            return HttpResponseRedirect(self.url)
        if self.quiz is None:
            return HttpResponseRedirect(self.url)
        answers = scoring.answers_from(request.POST.lists())
        try:
            result = scoring.score(self.quiz, answers)
        except scoring.TamperedAnswers:
            return render_with_status(self, request, {"quiz_tampered": True}, 400)
        except scoring.MissingAnswers as missing:
            context = {
                "quiz_missing": missing.question_ids,
                "quiz_selected": {choice for chosen in answers.values() for choice in chosen},
            }
            return render_with_status(self, request, context, 400)
        progress = Progress.for_request(request)
        progress.record_quiz(self, result.score, result.total)
        passed = result.passed(self.module.pass_mark)
        if passed:
            progress.complete(self)
        return self.render(
            request, context_overrides={"quiz_result": result, "quiz_passed": passed}
        )
