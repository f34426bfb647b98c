import datetime
import importlib

import pytest
from bs4 import BeautifulSoup
from django.apps import apps
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from wagtail.models import Locale

from applications.forms import DateField
from applications.models import ApplicationFormField, Status, Submission
from programmes.models import Region
from tests.applications.conftest import answers, token_of
from tests.factories import (
    APPLICATION_FIELDS,
    ApplicationFormPageFactory,
    ProgrammeIndexPageFactory,
    ProgrammePageFactory,
)

pytestmark = pytest.mark.django_db


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def test_an_applicant_gets_a_reference_and_the_submission_is_stored(submit, form_page):
    response = submit()
    assert response.status_code == 200
    submission = Submission.objects.get()
    reference = soup(response).find(attrs={"data-testid": "reference"}).get_text(strip=True)
    assert reference == submission.reference
    assert reference.startswith(f"TMK-{timezone.localdate().year}-")
    assert submission.page_id == form_page.pk
    assert submission.status == Status.RECEIVED
    assert submission.email == "sara@example.org"
    assert submission.language == "ar"
    assert submission.form_data["phone"] == "0933123456"
    assert submission.form_data["members"] == 7
    assert "form_token" not in submission.form_data
    assert "website" not in submission.form_data
    assert [e.status for e in submission.history.all()] == [Status.RECEIVED]


def test_references_follow_each_other(submit):
    submit()
    submit(full_name="رامي الحسن")
    first, second = Submission.objects.order_by("pk").values_list("reference", flat=True)
    assert int(second.rsplit("-", 1)[1]) == int(first.rsplit("-", 1)[1]) + 1


def test_a_double_click_or_a_reloaded_page_stores_one_submission(client, form_page):
    token = token_of(client.get(form_page.url))
    first = client.post(form_page.url, {"form_token": token, **answers()})
    second = client.post(form_page.url, {"form_token": token, **answers()})
    assert Submission.objects.count() == 1
    reference = Submission.objects.get().reference
    assert reference in first.content.decode()
    assert reference in second.content.decode()
    assert len(mail.outbox) == 2


def test_the_same_answers_sent_again_after_the_back_button_store_one_submission(submit):
    """Back, then send again: the form comes with a new one-time token, the answers as typed."""
    first = submit()
    again = submit()
    assert Submission.objects.count() == 1
    reference = Submission.objects.get().reference
    page = soup(again)
    assert page.find(attrs={"data-testid": "reference"}).get_text(strip=True) == reference
    assert "أرسلت هذه الإجابات من قبل" in page.find(attrs={"data-testid": "sent-before"}).get_text()
    assert soup(first).find(attrs={"data-testid": "sent-before"}) is None
    assert len(mail.outbox) == 2  # the team's notification and the confirmation, once


def test_other_answers_or_the_same_ones_much_later_are_a_new_submission(submit):
    submit()
    submit(idea="فكرة أخرى")
    assert Submission.objects.count() == 2
    Submission.objects.update(submit_time=timezone.now() - datetime.timedelta(minutes=31))
    submit()
    assert Submission.objects.count() == 3


@pytest.mark.parametrize("token", ["", "forged", None])
def test_a_missing_or_forged_token_is_refused_and_the_answers_are_kept(client, form_page, token):
    data = answers()
    if token is not None:
        data["form_token"] = token
    response = client.post(form_page.url, data)
    assert Submission.objects.count() == 0
    page = soup(response)
    assert "انتهت صلاحية" in page.select_one(".error-summary").get_text()
    assert page.find("input", {"name": "full_name"})["value"] == "سارة الأحمد"
    # A fresh token comes with the page, so sending it again works.
    response = client.post(form_page.url, {**data, "form_token": token_of(response)})
    assert Submission.objects.count() == 1


def test_a_token_of_another_form_is_refused(client, form_page, forms_index):
    other = ApplicationFormPageFactory(parent=forms_index)
    token = token_of(client.get(other.url))
    client.post(form_page.url, {"form_token": token, **answers()})
    assert Submission.objects.count() == 0


def test_the_honeypot_stores_nothing_and_looks_like_success(submit):
    response = submit(website="http://spam.example")
    assert response.status_code == 200
    assert Submission.objects.count() == 0
    assert mail.outbox == []


def test_missing_fields_give_an_error_summary_linking_to_each_field_in_arabic(submit):
    response = submit(full_name="", email="", consent=None, idea="<b>فكرتي</b>")
    assert Submission.objects.count() == 0
    page = soup(response)
    assert page.title.get_text().startswith("خطأ:")
    summary = page.select_one(".error-summary")
    links = {a["href"]: a.get_text() for a in summary.find_all("a")}
    assert set(links) == {"#id_full_name", "#id_email", "#id_consent"}
    assert "هذا الحقل مطلوب" in links["#id_full_name"]
    # Each message sits next to its field, and the field points at it.
    field = page.find("input", {"name": "full_name"})
    assert "id_full_name_error" in field["aria-describedby"]
    assert page.find(id="id_full_name_error").get_text(strip=True)
    # What was typed is kept.
    assert page.find("textarea", {"name": "idea"}).get_text().strip() == "<b>فكرتي</b>"
    assert page.find("input", {"name": "phone"})["value"] == "0933 123 456"
    assert "<b>فكرتي</b>" not in response.content.decode()


def test_the_applicant_is_told_to_select_files_again_after_an_error(submit):
    response = submit(email="")
    assert "اختر ملفاتك مرة أخرى" in soup(response).select_one(".error-summary").get_text()


@pytest.mark.parametrize(
    ("field", "value"),
    [("email", "not-an-email"), ("phone", "12ab"), ("members", "سبعة")],
)
def test_invalid_values_are_refused_with_a_message(submit, field, value):
    response = submit(**{field: value})
    assert Submission.objects.count() == 0
    assert soup(response).find(id=f"id_{field}_error").get_text(strip=True)


def test_arabic_indic_digits_are_accepted(submit):
    submit(phone="٠٩٣٣١٢٣٤٥٦", members="١٢")
    data = Submission.objects.get().form_data
    assert data["phone"] == "0933123456"
    assert data["members"] == 12


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("١٢٫٥٦٧٨٩", "أدخل أرقامًا أقل بعد الفاصلة (أقصاها: 4)."),
        ("1" * 16, "أدخل عددًا أقصر (أقصى عدد من الأرقام: 15)."),
    ],
)
def test_a_number_too_long_is_explained_in_plain_arabic(submit, typed, message):
    """Django's own words read "تحقق من أن تدخل 15 أرقام لا أكثر", a plural its catalogue
    gets wrong."""
    response = submit(members=typed)
    assert soup(response).find(id="id_members_error").get_text(strip=True) == message
    assert Submission.objects.count() == 0


def test_script_in_text_fields_is_escaped_on_the_confirmation_and_in_emails(submit):
    script = '<script>alert("x")</script>'
    submit(full_name=script, idea=script)
    notification, _confirmation = mail.outbox
    html = notification.alternatives[0][0]
    assert script not in html
    assert "&lt;script&gt;" in html
    assert Submission.objects.get().form_data["full_name"] == script


def test_emails_go_to_the_team_and_the_applicant_in_the_forms_language(submit):
    submit()
    notification, confirmation = mail.outbox
    reference = Submission.objects.get().reference
    assert notification.to == ["team@tamkeen.example"]
    assert notification.reply_to == ["sara@example.org"]
    assert confirmation.to == ["sara@example.org"]
    for message in (notification, confirmation):
        assert reference in message.subject
        assert reference in message.body
        assert message.alternatives[0][1] == "text/html"
        assert reference in message.alternatives[0][0]
    assert "استلمنا" in confirmation.subject
    assert {e.state for e in Submission.objects.get().emails.all()} == {"sent"}


def test_the_emails_list_the_answers_given_and_nothing_for_a_field_left_empty(submit):
    submit(idea="")  # the optional idea and founding document left empty
    for message in mail.outbox:
        for text in (message.body, message.alternatives[0][0]):
            assert "سارة الأحمد" in text
            assert "الفكرة" not in text
            assert "وثيقة التأسيس" not in text
            assert "None" not in text


def test_english_submissions_get_english_emails(client, english_home):
    from tests.factories import FormIndexPageFactory

    index = FormIndexPageFactory(parent=english_home, title="Forms")
    page = ApplicationFormPageFactory(parent=index, slug="apply-en")
    token = token_of(client.get(page.url))
    client.post(page.url, {"form_token": token, **answers()})
    assert mail.outbox[1].subject.startswith("We received your submission")
    assert Submission.objects.get().language == "en"


@pytest.fixture
def french_form(home):
    from tests.factories import FormIndexPageFactory

    french_home = home.copy_for_translation(Locale.objects.get(language_code="fr"))
    french_home.save_revision().publish()
    index = FormIndexPageFactory(parent=french_home, title="Formulaires")
    page = ApplicationFormPageFactory(parent=index, slug="candidater")
    field = page.form_fields.get(clean_name="members")
    field.label = "Nombre de membres"
    field.save()
    return page


def test_a_french_error_summary_sets_its_colon_apart(client, french_form):
    page = french_form
    token = token_of(client.get(page.url))
    response = client.post(page.url, {"form_token": token, **answers(members="sept")})
    summary = soup(response).select_one(".error-summary li a").get_text()
    assert summary == "Nombre de membres : Saisissez un nombre."
    assert soup(response).find("input", {"name": "members"})["value"] == "sept"


def test_french_emails_set_their_colons_apart(client, french_form):
    token = token_of(client.get(french_form.url))
    client.post(french_form.url, {"form_token": token, **answers()})
    team, applicant = mail.outbox
    for message in (team, applicant):
        assert "Nombre de membres : 7" in message.body
    html = BeautifulSoup(applicant.alternatives[0][0], "html.parser")
    assert html.find("a").get_text() == "Consultez l'état de votre demande"


def test_a_form_without_email_field_sends_no_confirmation(client, forms_index):
    page = ApplicationFormPageFactory(
        parent=forms_index,
        fields=[{"clean_name": "opinion", "label": "رأيك", "field_type": "multiline"}],
    )
    token = token_of(client.get(page.url))
    client.post(page.url, {"form_token": token, "opinion": "جيد"})
    assert [m.to for m in mail.outbox] == [["team@tamkeen.example"]]


def test_too_many_posts_from_one_client_are_refused(submit, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "submit": (3, 600)}
    for number in range(3):
        assert submit(idea=f"فكرة {number}").status_code == 200
    response = submit(idea="فكرة كتبتها للتو")
    assert response.status_code == 429
    assert response["Retry-After"] == "600"
    page = soup(response)
    assert "محاولات كثيرة" in page.select_one("[data-testid=rate-limited]").get_text()
    # The form comes back as it was typed, to send again later (it was dropped before).
    assert page.select_one("textarea[name=idea]").get_text().strip() == "فكرة كتبتها للتو"
    assert page.select_one("input[name=full_name]")["value"] == "سارة الأحمد"
    assert page.select_one("input[name=form_token]")["value"]
    assert Submission.objects.count() == 3


def test_the_rate_limit_is_per_client(client, form_page, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "submit": (1, 600)}
    for address in ("10.0.0.1", "10.0.0.2"):
        token = token_of(client.get(form_page.url))
        response = client.post(
            form_page.url, {"form_token": token, **answers(idea=address)}, REMOTE_ADDR=address
        )
        assert response.status_code == 200
    assert Submission.objects.count() == 2


def test_behind_a_trusted_proxy_the_limit_counts_visitors_not_the_proxy(
    client, form_page, settings
):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "submit": (1, 600)}
    settings.TRUSTED_PROXY_HEADER = "HTTP_X_FORWARDED_FOR"

    def post_from(visitor):
        token = token_of(client.get(form_page.url))
        return client.post(
            form_page.url,
            {"form_token": token, **answers(idea=visitor)},
            REMOTE_ADDR="10.0.0.9",
            HTTP_X_FORWARDED_FOR=visitor,
        )

    assert post_from("198.51.100.1").status_code == 200
    assert post_from("198.51.100.2").status_code == 200
    assert post_from("198.51.100.1").status_code == 429
    assert Submission.objects.count() == 2


def test_a_form_refuses_posts_without_csrf_token(form_page):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    token = token_of(client.get(form_page.url))
    response = client.post(form_page.url, {"form_token": token, **answers()})
    assert response.status_code == 403
    assert Submission.objects.count() == 0


class TestProgrammeDates:
    @pytest.fixture
    def programme(self, home, today):
        index = ProgrammeIndexPageFactory(parent=home)
        return ProgrammePageFactory(
            parent=index,
            opens=today - datetime.timedelta(days=10),
            closes=today - datetime.timedelta(days=1),
        )

    def test_a_form_under_a_closed_programme_says_why_and_when(self, client, programme):
        form = ApplicationFormPageFactory(parent=programme)
        page = soup(client.get(form.url))
        assert page.find("form", class_="app-form") is None
        notice = page.select_one(".app-closed").get_text()
        assert "مغلقة" in notice or "مغلق" in notice
        assert str(programme.closes.day) in notice

    def test_a_closed_form_refuses_a_direct_post(self, client, programme, form_page):
        token = token_of(client.get(form_page.url))
        form_page.move(programme, pos="last-child")
        response = client.post(
            type(form_page).objects.get(pk=form_page.pk).url, {"form_token": token, **answers()}
        )
        assert response.status_code == 403
        assert Submission.objects.count() == 0

    def test_an_upcoming_programme_says_when_it_opens(self, client, programme, today):
        programme.opens = today + datetime.timedelta(days=5)
        programme.closes = today + datetime.timedelta(days=30)
        programme.save()
        form = ApplicationFormPageFactory(parent=programme)
        notice = soup(client.get(form.url)).select_one(".app-closed").get_text()
        assert "لم تُفتح" in notice or "ليست مفتوحة" in notice

    def test_a_form_chosen_as_a_programmes_application_form_follows_its_dates(
        self, client, programme, form_page
    ):
        programme.application_page = form_page
        programme.save()
        assert client.get(form_page.url).status_code == 200
        assert not type(form_page).objects.get(pk=form_page.pk).is_open()
        programme.closes = programme.closes + datetime.timedelta(days=30)
        programme.save()
        assert type(form_page).objects.get(pk=form_page.pk).is_open()

    def test_a_form_of_an_open_programme_takes_submissions(self, client, programme, today):
        programme.closes = today
        programme.save()
        form = ApplicationFormPageFactory(parent=programme)
        token = token_of(client.get(form.url))
        client.post(form.url, {"form_token": token, **answers()})
        assert Submission.objects.count() == 1


def queries_of_one_submission(client, page, data):
    token = token_of(client.get(page.url))
    with CaptureQueriesContext(connection) as queries:
        response = client.post(page.url, {"form_token": token, **data})
    assert response.status_code == 200
    return len(queries)


def test_a_submission_takes_a_bounded_number_of_queries(client, form_page):
    # About half are the page shell (site, menu, footer, settings) every page pays; the rest are
    # routing, the token check, the reference, the rows and both emails, sent at once here (each
    # claimed in the outbox, then recorded as sent).
    assert queries_of_one_submission(client, form_page, answers()) <= 40
    assert Submission.objects.count() == 1


def test_the_queries_of_a_submission_do_not_grow_with_its_fields(client, form_page, forms_index):
    extra = [
        {"clean_name": f"answer_{n}", "label": f"سؤال {n}", "field_type": "singleline"}
        for n in range(12)
    ]
    longer = ApplicationFormPageFactory(parent=forms_index, fields=APPLICATION_FIELDS + extra)
    many = answers(**{field["clean_name"]: "نعم" for field in extra})
    for page, data in ((form_page, answers()), (longer, many)):
        queries_of_one_submission(client, page, data)  # the site's caches filled
    usual = queries_of_one_submission(client, form_page, answers())
    assert queries_of_one_submission(client, longer, many) == usual


def test_a_blank_form_is_the_same_for_everyone_but_answers_and_tokens_are_not(client, form_page):
    first = client.get(form_page.url)
    refused = client.post(form_page.url, answers())  # no token: refused, answers kept
    assert soup(refused).find("input", {"name": "full_name"})["value"] == "سارة الأحمد"
    blank = client.get(form_page.url)
    assert not soup(blank).find("input", {"name": "full_name"}).get("value")
    assert soup(blank).select_one(".error-summary") is None
    # The fields are rendered once; each visitor still gets a token of their own.
    assert token_of(blank) != token_of(first)

    field = form_page.form_fields.get(clean_name="full_name")
    field.label = "الاسم الكامل كما في الهوية"
    field.save()
    type(form_page).objects.get(pk=form_page.pk).save_revision().publish()
    label = soup(client.get(form_page.url)).find("label", {"for": "id_full_name"})
    assert label.get_text(strip=True).startswith("الاسم الكامل كما في الهوية")


def test_a_form_reads_its_fields_once_until_it_is_published_again(client, form_page, submit):
    submit()
    token = token_of(client.get(form_page.url))
    with CaptureQueriesContext(connection) as queries:
        client.post(form_page.url, {"form_token": token, **answers(idea="فكرة ثانية")})
    assert Submission.objects.count() == 2
    assert not [q for q in queries if "applications_applicationformfield" in q["sql"]]

    # A field added in a draft is in its preview only; once published, every applicant gets it.
    draft = type(form_page).objects.get(pk=form_page.pk)
    draft.form_fields.add(
        ApplicationFormField(clean_name="city", label="المدينة", field_type="singleline")
    )
    revision = draft.save_revision()
    preview = revision.as_object()
    assert "city" in [field.clean_name for field in preview.get_form_fields()]
    assert "city" in preview.get_form(page=preview, user=None).fields
    assert not soup(client.get(form_page.url)).find("input", {"name": "city"})
    revision.publish()
    assert soup(client.get(form_page.url)).find("input", {"name": "city"})


def test_a_region_field_reads_the_regions_once_and_offers_a_new_one_at_once(client, forms_index):
    page = ApplicationFormPageFactory(
        parent=forms_index,
        fields=[{"clean_name": "region", "label": "المحافظة", "field_type": "region"}],
    )

    def offered():
        return [o.get_text(strip=True) for o in soup(client.get(page.url)).select("option")]

    Region.objects.create(name="دمشق", slug="damascus-test", locale=Locale.get_default())
    assert "دمشق" in offered()
    with CaptureQueriesContext(connection) as queries:
        offered()
    assert not [q for q in queries if "programmes_region" in q["sql"]]
    Region.objects.create(name="القنيطرة", slug="quneitra-test", locale=Locale.get_default())
    assert "القنيطرة" in offered()


def test_each_field_tells_browsers_and_screen_readers_what_it_asks_of_the_applicant(
    client, forms_index
):
    """WCAG 1.3.5: the person's own details carry their autocomplete purpose, whatever the
    label's language; a field about something else carries none."""
    fields = [
        {"clean_name": "ism", "label": "الاسم", "field_type": "singleline", "autocomplete": "name"},
        {"clean_name": "jihat", "label": "الجهة", "field_type": "singleline"},
        {"clean_name": "email", "label": "البريد", "field_type": "email"},
        {"clean_name": "phone", "label": "الهاتف", "field_type": "phone"},
        {"clean_name": "born", "label": "الميلاد", "field_type": "date", "autocomplete": "bday"},
        {"clean_name": "region", "label": "المحافظة", "field_type": "region"},
    ]
    page = ApplicationFormPageFactory(parent=forms_index, slug="purposes", fields=fields)
    form = soup(client.get(page.url))
    assert form.select_one("[name=ism]")["autocomplete"] == "name"
    assert not form.select_one("[name=jihat]").has_attr("autocomplete")
    assert form.select_one("[name=email]")["autocomplete"] == "email"
    assert form.select_one("[name=phone]")["autocomplete"] == "tel"
    assert form.select_one("[name=born]")["autocomplete"] == "bday"
    assert not form.select_one("[name=region]").has_attr("autocomplete")


def test_a_choice_or_a_file_cannot_be_given_something_to_fill_in(form_page):
    field = form_page.form_fields.get(clean_name="document")
    field.autocomplete = "name"
    with pytest.raises(ValidationError) as error:
        field.full_clean()
    assert "autocomplete" in error.value.message_dict


def test_fields_made_before_say_what_they_ask_by_their_usual_names(forms_index):
    """The migration that brought the setting names the person's name and organisation in the
    forms made before it; other fields are left for their editors."""
    fields = [
        {"clean_name": "full_name", "label": "الاسم", "field_type": "singleline"},
        {"clean_name": "organisation", "label": "الجمعية", "field_type": "singleline"},
        {"clean_name": "idea", "label": "الفكرة", "field_type": "singleline"},
    ]
    page = ApplicationFormPageFactory(parent=forms_index, slug="older", fields=fields)
    migration = importlib.import_module("applications.migrations.0010_fields_say_what_they_ask")
    migration.say_what_known_fields_ask(apps, None)
    purposes = dict(page.form_fields.values_list("clean_name", "autocomplete"))
    assert purposes == {"full_name": "name", "organisation": "organization", "idea": ""}


def test_a_date_typed_by_hand_is_read_day_first(client, forms_index):
    """Where a browser has no date picker, 10/01/2027 is the tenth of January, in every language."""
    fields = [{"clean_name": "day", "label": "اليوم", "field_type": "date"}]
    page = ApplicationFormPageFactory(parent=forms_index, slug="day", fields=fields)
    token = token_of(client.get(page.url))
    client.post(page.url, {"form_token": token, "day": "١٠/٠١/٢٠٢٧"})
    assert Submission.objects.get().form_data["day"] == "2027-01-10"
    for language in ("en", "fr"):
        with translation.override(language):
            assert DateField().clean("10/01/2027") == datetime.date(2027, 1, 10)
