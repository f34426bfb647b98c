"""Certificates of completion: issued to learners who finished, verifiable by anyone."""

import re

import pytest
from django.test import Client, override_settings

from home.codes import normalise_code
from learning.models import Certificate

from .conftest import answers

pytestmark = pytest.mark.django_db

NAME = "ليلى عبد الرحمن الحدّاد"


def finish(client, lessons):
    client.post(lessons[0].url + "complete/")
    client.post(lessons[1].url + "complete/")
    client.post(lessons[2].url + "quiz/", answers(lessons[2]))


def request_certificate(client, module, name=NAME):
    return client.post(module.url + "certificate/", {"name": name})


def test_no_certificate_before_the_module_is_finished(client, module, lessons):
    client.post(lessons[0].url + "complete/")
    assert "احصل على شهادتي" not in client.get(module.url).content.decode()
    response = request_certificate(client, module)
    assert response.status_code == 302 and response["Location"] == module.url
    assert not Certificate.objects.exists()


def test_a_failed_quiz_blocks_the_certificate(client, module, lessons):
    client.post(lessons[0].url + "complete/")
    client.post(lessons[1].url + "complete/")
    client.post(lessons[2].url + "quiz/", answers(lessons[2], right=False))
    request_certificate(client, module)
    assert not Certificate.objects.exists()


def test_a_learner_who_finished_gets_a_certificate_anyone_can_verify(
    client, module, lessons, catalogue
):
    finish(client, lessons)
    assert "احصل على شهادتي" in client.get(module.url).content.decode()
    response = request_certificate(client, module)
    certificate = Certificate.objects.get()
    assert certificate.name == NAME and certificate.module.pk == module.pk
    assert re.fullmatch(r"[A-Z2-9]{4}(-[A-Z2-9]{4}){3}", certificate.code)
    assert response["Location"] == f"{catalogue.url}certificates/{certificate.code}/"
    html = client.get(response["Location"]).content.decode()
    assert NAME in html and certificate.code in html and module.title in html
    assert '<meta name="robots" content="noindex">' in html
    module_html = client.get(module.url).content.decode()
    assert "اعرض شهادتك واطبعها" in module_html and response["Location"] in module_html
    stranger = Client()
    typed = certificate.code.lower().replace("-", " ")
    html = stranger.get(catalogue.url + "verify/", {"code": typed}).content.decode()
    assert "هذه الشهادة صحيحة" in html
    assert NAME in html and module.title in html and certificate.code in html


def test_forged_codes_are_not_found(client, catalogue):
    for code in ["ABCD-EFGH-JKLM-NPQR", "<script>", "x" * 40, "0000-1111-OOOO-IIII"]:
        html = client.get(catalogue.url + "verify/", {"code": code}).content.decode()
        assert "لا توجد شهادة بهذا الرمز" in html
        assert "<script>" not in html.split("</header>", 1)[1]
    assert client.get(catalogue.url + "certificates/ABCD-EFGH-JKLM-NPQR/").status_code == 404


def test_malformed_codes_never_reach_the_database(django_assert_num_queries):
    with django_assert_num_queries(0):
        assert Certificate.objects.find("'; DROP TABLE learning_certificate; --") is None
        assert Certificate.objects.find("") is None


def test_codes_typed_with_arabic_digits_are_understood():
    assert normalise_code("abcd efgh ٢٣٤٥ jkmn") == "ABCD-EFGH-2345-JKMN"


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("<b>Layla</b>", "اكتب اسمك بالحروف فقط"),
        ("ل" * 101, "100"),
        ("   ", "هذا الحقل مطلوب"),
        ("Layla 2024", "اكتب اسمك بالحروف فقط"),
    ],
)
def test_bad_names_are_refused_with_a_message_and_kept(client, module, lessons, name, message):
    finish(client, lessons)
    response = request_certificate(client, module, name)
    html = response.content.decode()
    assert response.status_code == 400
    assert message in html
    assert not Certificate.objects.exists()
    if name.strip() and len(name) < 100:
        assert 'value="&lt;b&gt;Layla&lt;/b&gt;"' in html or f'value="{name}"' in html


@pytest.mark.parametrize("name", ["عَلِيّ بن أبي طالب", "Jean-Pierre O’Neil", "Marie-Claire d'Arc"])
def test_real_names_are_accepted(client, module, lessons, name):
    finish(client, lessons)
    request_certificate(client, module, name)
    assert Certificate.objects.get().name == name


def test_names_are_escaped_wherever_shown(client, module, catalogue):
    certificate = Certificate.objects.create(
        name='<img src=x onerror="alert(1)">', module=module, module_title=module.title
    )
    for url in [certificate.url(), f"{catalogue.url}verify/?code={certificate.code}"]:
        html = client.get(url).content.decode()
        assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in html
        assert "<img src=x" not in html


def test_a_certificate_still_verifies_after_its_module_is_deleted(client, module, catalogue):
    certificate = Certificate.objects.create(name=NAME, module=module, module_title=module.title)
    module.delete()
    html = client.get(f"{catalogue.url}verify/", {"code": certificate.code}).content.decode()
    assert NAME in html and "أساسيات الأمن السيبراني" in html


@override_settings(RATE_LIMITS={"certificate": (1, 3600), "verify": (3, 600)})
def test_code_look_ups_are_rate_limited_per_client(client, catalogue):
    url = catalogue.url + "verify/"
    statuses = [client.get(url, {"code": f"AAAA-BBBB-CCCC-DDD{n}"}).status_code for n in "2345"]
    assert statuses == [200, 200, 200, 429]
    assert "طلبات كثيرة" in client.get(url, {"code": "x"}).content.decode()
    other = client.get(url, {"code": "AAAA-BBBB-CCCC-DDDD"}, REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 200


@override_settings(RATE_LIMITS={"certificate": (1, 3600), "verify": (30, 600)})
def test_certificate_requests_are_rate_limited_per_client(client, module, lessons):
    finish(client, lessons)
    request_certificate(client, module)
    second = Client()  # another learner at the same address
    finish(second, lessons)
    response = request_certificate(second, module, "سلمى خليل")
    assert response.status_code == 429
    assert Certificate.objects.count() == 1


def test_sending_the_name_again_does_not_issue_a_second_certificate(client, module, lessons):
    finish(client, lessons)
    first = request_certificate(client, module)
    again = request_certificate(client, module, "سلمى خليل")
    assert again.status_code == 302 and again["Location"] == first["Location"]
    assert Certificate.objects.get().name == NAME


def test_each_certificate_has_its_own_code(module):
    codes = {
        Certificate.objects.create(name=NAME, module=module, module_title="m").code
        for _ in range(20)
    }
    assert len(codes) == 20
