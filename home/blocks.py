"""The one StreamField block library every page type draws from.

Feature apps add to it in their AppConfig.ready(): blocks of their own (`register_body_block`, as
applications adds its form) and sources of the section teaser (`register_teaser`). Page types pass
the class, `StreamField(BodyBlock)`, so that the body is built when first used, once every app is
ready; migrations hold the built definition, never a reference to a feature app.
"""

from collections import OrderedDict
from typing import NamedTuple

from django.apps import apps
from django.core.exceptions import AppRegistryNotReady, ValidationError
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

from home.caching import remember

RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link", "hr"]


class Teaser(NamedTuple):
    label: str
    # Renders the section's newest items, given `count`; loads the feature's own template tags.
    template: str


# In registration order, which is the order of INSTALLED_APPS: editors see them in this order,
# and the migrations hold it.
TEASERS: dict[str, Teaser] = {}
_FEATURE_BLOCKS: dict[str, blocks.Block] = {}


def register_teaser(source, label, template):
    TEASERS[source] = Teaser(label, template)


def register_body_block(name, block):
    _FEATURE_BLOCKS[name] = block


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Heading"), max_length=200)
    level = blocks.ChoiceBlock(
        choices=[("h2", _("Section heading")), ("h3", _("Sub-heading"))],
        default="h2",
        label=_("Level"),
    )

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "home/blocks/heading.html"


class ImageBlock(blocks.StructBlock):
    """An image always described for screen readers: alt text is required, not inherited."""

    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        label=_("Alternative text"),
        max_length=250,
        help_text=_("Describe the image for people who cannot see it."),
    )
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=250)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "home/blocks/image.html"


class DocumentLinksBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), required=False, max_length=200)
    documents = blocks.ListBlock(
        blocks.StructBlock(
            [
                ("document", DocumentChooserBlock(label=_("Document"))),
                ("label", blocks.CharBlock(label=_("Label"), required=False, max_length=200)),
            ]
        ),
        label=_("Documents"),
    )

    class Meta:
        icon = "doc-full"
        label = _("Documents")
        template = "home/blocks/documents.html"


class VideoBlock(blocks.StructBlock):
    """A video hosted elsewhere, shown as a link so the page itself makes no third-party request."""

    url = blocks.URLBlock(label=_("Video address"))
    title = blocks.CharBlock(label=_("Title"), max_length=200)
    transcript = blocks.TextBlock(label=_("Transcript"), required=False)

    class Meta:
        icon = "media"
        label = _("Video")
        template = "home/blocks/video.html"


class LinkBlock(blocks.StructBlock):
    """A link to a page of the site (followed into the reader's language) or an address."""

    page = blocks.PageChooserBlock(label=_("Page"), required=False)
    url = blocks.URLBlock(label=_("Or an address"), required=False)
    label = blocks.CharBlock(label=_("Button text"), max_length=80)

    def clean(self, value):
        value = super().clean(value)
        if not value.get("page") and not value.get("url"):
            raise blocks.StructBlockValidationError(
                block_errors={"page": ValidationError(_("Choose a page or an address."))}
            )
        return value

    class Meta:
        icon = "link"
        label = _("Link")


class CallToActionBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=200)
    text = blocks.TextBlock(label=_("Text"), required=False)
    link = LinkBlock(label=_("Link"))

    class Meta:
        icon = "pick"
        label = _("Call to action")
        template = "home/blocks/call_to_action.html"


class AccordionBlock(blocks.StructBlock):
    """Questions and answers (FAQ) as native disclosure widgets, ready for keyboards and readers."""

    heading = blocks.CharBlock(label=_("Heading"), required=False, max_length=200)
    items = blocks.ListBlock(
        blocks.StructBlock(
            [
                ("question", blocks.CharBlock(label=_("Question"), max_length=300)),
                ("answer", blocks.RichTextBlock(label=_("Answer"), features=RICH_TEXT_FEATURES)),
            ]
        ),
        label=_("Questions"),
    )

    class Meta:
        icon = "list-ul"
        label = _("Questions and answers")
        template = "home/blocks/accordion.html"


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("Quote"))
    attribution = blocks.CharBlock(label=_("Attribution"), required=False, max_length=200)

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "home/blocks/quote.html"


class KeyFiguresBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), required=False, max_length=200)
    figures = blocks.ListBlock(
        blocks.StructBlock(
            [
                ("value", blocks.CharBlock(label=_("Figure"), max_length=20)),
                ("label", blocks.CharBlock(label=_("What it counts"), max_length=120)),
            ]
        ),
        label=_("Figures"),
    )

    class Meta:
        icon = "order"
        label = _("Key figures")
        template = "home/blocks/key_figures.html"


class PageCardsBlock(blocks.StructBlock):
    """Teasers for chosen pages, e.g. the programme tracks on the home page."""

    heading = blocks.CharBlock(label=_("Heading"), required=False, max_length=200)
    pages = blocks.ListBlock(blocks.PageChooserBlock(label=_("Page")), label=_("Pages"))

    class Meta:
        icon = "doc-full-inverse"
        label = _("Page teasers")
        template = "home/blocks/page_cards.html"


class SectionTeaserBlock(blocks.StructBlock):
    """The newest items of a section (open programmes, news...), kept current by the site."""

    def __init__(self, local_blocks=None, **kwargs):
        sources = [(source, teaser.label) for source, teaser in TEASERS.items()]
        super().__init__(
            [
                ("source", blocks.ChoiceBlock(label=_("Show"), choices=sources)),
                (
                    "count",
                    blocks.IntegerBlock(label=_("How many"), default=3, min_value=1, max_value=12),
                ),
                *(local_blocks or []),
            ],
            **kwargs,
        )

    class Meta:
        icon = "list-ul"
        label = _("Section teaser")
        template = "home/blocks/section_teaser.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        teaser = TEASERS.get(value["source"])
        context["teaser"] = teaser.template if teaser else None
        return context

    def render(self, value, context=None):
        """The same for every visitor of a site in a language on a day: rendered once until the
        content changes (the home page shows four of these, a dozen queries)."""
        request = (context or {}).get("request")
        host = request.get_host() if request else ""
        day = timezone.localdate().isoformat()
        name = (
            f"teaser:{host}:{translation.get_language()}:{day}:{value['source']}:{value['count']}"
        )
        # A SafeString, kept as one by the cache's pickling.
        return remember(name, lambda: super(SectionTeaserBlock, self).render(value, context))


class TableWithCaptionBlock(blocks.StructBlock):
    caption = blocks.CharBlock(
        label=_("Caption"), max_length=250, help_text=_("Says what the table shows.")
    )
    table = TableBlock(label=_("Table"), table_options={"startRows": 3, "startCols": 3})

    class Meta:
        icon = "table"
        label = _("Table")
        template = "home/blocks/table.html"


class BodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label=_("Text"), features=RICH_TEXT_FEATURES, template="home/blocks/paragraph.html"
    )
    image = ImageBlock()
    documents = DocumentLinksBlock()
    video = VideoBlock()
    call_to_action = CallToActionBlock()
    accordion = AccordionBlock()
    table = TableWithCaptionBlock()
    quote = QuoteBlock()
    key_figures = KeyFiguresBlock()
    page_cards = PageCardsBlock()

    def __init__(self, local_blocks=None, **kwargs):
        # Built after every app's ready(), or a feature's blocks would be silently missing.
        if not apps.ready:
            raise AppRegistryNotReady("Pass the class to StreamField: StreamField(BodyBlock).")
        super().__init__(local_blocks, **kwargs)
        features = [("section_teaser", SectionTeaserBlock()), *_FEATURE_BLOCKS.items()]
        for name, block in features:
            block.set_name(name)
        # After the shared blocks and before a subclass's own (a lesson's quiz...).
        own = list(self.child_blocks.items())
        shared = len(BodyBlock.base_blocks)
        self.child_blocks = OrderedDict([*own[:shared], *features, *own[shared:]])
