from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import get_language_bidi
from django.utils.translation import gettext as _

from home.numerals import number, written_list
from indicators import charts

register = template.Library()


@register.simple_tag
def survey_chart(question, position):
    """A question's answers as bars; a suppressed group has no bar and says "fewer than 5"."""
    marks = [charts.Mark(group.label, group.count) for group in question.groups]
    shown = [f"{g.label} {g.count}" for g in question.groups if g.count is not None]
    return mark_safe(  # noqa: S308 - charts.py escapes every text it draws
        charts.bar_chart(
            marks,
            title=question.label,
            description=_("Answers: %(values)s.") % {"values": written_list(shown)},
            ident=f"q{position}-chart",
            rtl=get_language_bidi(),
            number=lambda value: _("not shown") if value is None else number(value),
        )
    )
