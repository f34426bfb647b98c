"""The shared block library renders accessible markup and refuses an image without alt text."""

import pytest
import wagtail_factories
from bs4 import BeautifulSoup
from wagtail.blocks import StreamBlockValidationError, StructBlockValidationError

from home.blocks import BodyBlock, ImageBlock, LinkBlock

pytestmark = pytest.mark.django_db


def render(stream_data):
    block = BodyBlock()
    value = block.to_python(stream_data)
    return BeautifulSoup(block.render(value), "html.parser")


def test_image_is_rendered_with_its_alt_text_size_and_caption():
    image = wagtail_factories.ImageFactory()
    html = render(
        [{"type": "image", "value": {"image": image.pk, "alt_text": "متطوعون", "caption": "ورشة"}}]
    )
    img = html.select_one("figure img")
    assert img["alt"] == "متطوعون"
    assert img["width"] and img["height"]
    assert img["loading"] == "lazy"
    assert html.select_one("figcaption").get_text() == "ورشة"


def test_an_image_without_alt_text_is_refused():
    image = wagtail_factories.ImageFactory()
    block = ImageBlock()
    with pytest.raises(StructBlockValidationError):
        block.clean(block.to_python({"image": image.pk, "alt_text": "", "caption": ""}))


def test_a_link_needs_a_page_or_an_address():
    block = LinkBlock()
    with pytest.raises(StructBlockValidationError):
        block.clean(block.to_python({"page": None, "url": "", "label": "سجّل"}))


def test_questions_and_answers_are_native_disclosures():
    html = render(
        [
            {
                "type": "accordion",
                "value": {
                    "heading": "أسئلة شائعة",
                    "items": [{"question": "من يحق له التقديم؟", "answer": "<p>الجمعيات</p>"}],
                },
            }
        ]
    )
    assert html.select_one("details summary").get_text() == "من يحق له التقديم؟"


def test_key_figures_table_quote_and_video_render_their_text():
    html = render(
        [
            {
                "type": "key_figures",
                "value": {"heading": "", "figures": [{"value": "١٤", "label": "محافظة"}]},
            },
            {"type": "quote", "value": {"quote": "التقنية للجميع", "attribution": "متطوعة"}},
            {
                "type": "video",
                "value": {"url": "https://video.example/v/1", "title": "جولة", "transcript": "نص"},
            },
            {
                "type": "table",
                "value": {
                    "caption": "المواعيد",
                    "table": {"data": [["اليوم", "الورشة"]], "first_row_is_table_header": True},
                },
            },
        ]
    )
    assert "١٤" in html.select_one(".key-figures__value").get_text()
    assert html.select_one("blockquote").get_text(strip=True) == "التقنية للجميع"
    # The video is a link: the page itself makes no request to the video host.
    assert html.select_one(".video a")["href"] == "https://video.example/v/1"
    assert not html.select("iframe")
    assert html.select_one(".table-wrap")["aria-label"] == "المواعيد"


def test_a_heading_needs_its_text():
    with pytest.raises(StreamBlockValidationError):
        BodyBlock().clean(
            BodyBlock().to_python([{"type": "heading", "value": {"text": "", "level": "h2"}}])
        )
