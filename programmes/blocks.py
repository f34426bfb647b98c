"""The blocks of a programme page: its joining steps and its questions and answers."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from home.blocks import RICH_TEXT_FEATURES


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
