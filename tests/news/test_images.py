"""Pictures sized for the visitor's screen, in formats phones download fastest, without shifting
the text while they load."""

import pytest
from bs4 import BeautifulSoup
from PIL import features
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from tests.factories import NewsPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def photo():
    return Image.objects.create(title="ورشة", file=get_test_image_file(size=(1600, 1000)))


def widths(srcset):
    return sorted(int(candidate.split()[1].rstrip("w")) for candidate in srcset.split(","))


def test_pillow_writes_webp():
    assert features.check("webp"), "Pillow was built without WebP: pictures would fall back"


def test_a_news_picture_comes_in_several_widths_and_lighter_formats(client, news_index, photo):
    NewsPageFactory(
        parent=news_index,
        slug="workshop",
        image=photo,
        image_alt="متدربات في ورشة",
        body=[("image", {"image": photo, "alt_text": "شهادات المتدربات", "caption": ""})],
    )
    html = BeautifulSoup(client.get("/ar/news/workshop/").content, "html.parser")
    lead, in_body = html.select("article picture")

    webp = lead.select_one("source[type='image/webp']")
    assert webp is not None, "no WebP source for the news picture"
    assert widths(webp["srcset"]) == [480, 720, 960]
    assert all(".webp " in candidate for candidate in webp["srcset"].split(","))
    assert webp["sizes"]
    if features.check("avif"):
        assert lead.select_one("source[type='image/avif']") is not None
    img = lead.img
    assert img["alt"] == "متدربات في ورشة"
    # Space kept for the picture before it arrives: no text jumps under the reader's finger.
    assert (img["width"], img["height"]) == ("480", "300")
    assert len(widths(img["srcset"])) == 3
    # The lead picture is near the top: fetched at once. Pictures further down wait their turn.
    assert "loading" not in img.attrs
    assert in_body.img["loading"] == "lazy"
    assert in_body.img["alt"] == "شهادات المتدربات"
    assert in_body.img["width"] and in_body.img["height"]
    assert in_body.select_one("source[type='image/webp']") is not None
    assert html.select("[fetchpriority]") == []


def test_only_the_home_hero_is_fetched_first(client, home, photo):
    home.hero_image = photo
    home.hero_image_alt = "شباب يتدربون على الحاسوب"
    home.body = [("image", {"image": photo, "alt_text": "قاعة التدريب", "caption": ""})]
    home.save_revision().publish()
    html = BeautifulSoup(client.get("/ar/").content, "html.parser")
    hero, below = html.select("main picture img")
    assert hero["fetchpriority"] == "high"
    assert hero["alt"] == "شباب يتدربون على الحاسوب"
    assert "loading" not in hero.attrs
    assert "fetchpriority" not in below.attrs
    assert below["loading"] == "lazy"
