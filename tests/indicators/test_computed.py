"""Computed indicators count the site's own data, nightly and on demand; never typed by hand."""

import datetime
from io import StringIO

import pytest
from bs4 import BeautifulSoup
from django.core.management import CommandError, call_command
from django.utils import timezone
from wagtail.models import Locale

from applications.models import Status, Submission
from home.figures import COMPUTATIONS
from indicators.models import Indicator, IndicatorIndexPage
from learning.models import Certificate
from programmes.models import Region
from tests.factories import (
    ApplicationFormPageFactory,
    ModulePageFactory,
    ProgrammeIndexPageFactory,
    ProgrammePageFactory,
)
from tests.indicators.conftest import make_indicator

pytestmark = pytest.mark.django_db

FIELDS = [{"clean_name": "region", "label": "المحافظة", "field_type": "region"}]


def test_the_apps_register_what_exists_today():
    assert {
        "applications_received",
        "applications_accepted",
        "applications_received_by_governorate",
        "applications_accepted_by_governorate",
        "module_completions",
        "certificates_issued",
    } <= set(COMPUTATIONS)


@pytest.fixture
def application_form(home):
    programmes = ProgrammeIndexPageFactory(parent=home)
    programme = ProgrammePageFactory(parent=programmes)
    return ApplicationFormPageFactory(parent=programme, fields=FIELDS), programme


def apply(form, status=Status.RECEIVED, region="دمشق"):
    return Submission.objects.create(
        page=form,
        form_data={"region": region},
        reference=f"T-{Submission.objects.count()}",
        status=status,
    )


def test_a_new_accepted_application_changes_the_figure_after_the_nightly_command(
    client, application_form, indicators_page
):
    form, programme = application_form
    make_indicator(
        slug="accepted",
        name="الطلبات المقبولة حسب المحافظة",
        kind="breakdown",
        computation="applications_accepted_by_governorate",
        programme=programme,
    )
    apply(form, Status.ACCEPTED)
    apply(form, Status.RECEIVED)
    call_command("compute_indicators", stdout=StringIO())
    page = client.get(indicators_page.url + "accepted/").content.decode()
    assert "<td>دمشق</td><td>1</td>" in page

    apply(form, Status.ACCEPTED, region="حلب")
    apply(form, Status.ACCEPTED)
    assert (
        "<td>دمشق</td><td>1</td>" in client.get(indicators_page.url + "accepted/").content.decode()
    )
    call_command("compute_indicators", stdout=StringIO())
    page = client.get(indicators_page.url + "accepted/").content.decode()
    assert "<td>دمشق</td><td>2</td>" in page and "<td>حلب</td><td>1</td>" in page


def test_applications_of_another_programme_are_not_counted(application_form, home):
    form, programme = application_form
    other = ProgrammePageFactory(parent=programme.get_parent())
    other_form = ApplicationFormPageFactory(parent=other, fields=FIELDS)
    indicator = make_indicator(
        slug="received", computation="applications_received", programme=programme
    )
    apply(form)
    apply(other_form)
    apply(other_form)
    call_command("compute_indicators", stdout=StringIO())
    assert [p["value"] for p in Indicator.objects.get(pk=indicator.pk).points] == [1]


def test_running_the_command_twice_a_day_keeps_one_value_for_the_day(application_form):
    form, _programme = application_form
    indicator = make_indicator(slug="received", computation="applications_received")
    apply(form)
    call_command("compute_indicators", stdout=StringIO())
    apply(form)
    call_command("compute_indicators", stdout=StringIO())
    assert [p["value"] for p in Indicator.objects.get(pk=indicator.pk).points] == [2]


def form_data(**changes):
    data = {
        "name": "المتدربون",
        "slug": "trainees",
        "unit": "count",
        "kind": "series",
        "definition": "تعريف",
        "source": "مصدر",
        "computation": "",
        "sort_order": "0",
        "values-TOTAL_FORMS": "1",
        "values-INITIAL_FORMS": "0",
        "values-MIN_NUM_FORMS": "0",
        "values-MAX_NUM_FORMS": "1000",
        "values-0-date": "2025-06-30",
        "values-0-category": "",
        "values-0-value": "120",
        "values-0-ORDER": "1",
    }
    data.update(changes)
    return data


def admin_form(data):
    form_class = Indicator.get_edit_handler().get_form_class()
    return form_class(data, instance=Indicator(locale=Locale.get_default()), for_user=None)


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"values-0-date": "2099-01-01"}, "date", "لا يمكن أن يكون تاريخ القيمة في المستقبل"),
        ({"values-0-date": ""}, "date", ""),
        ({"values-0-value": "12.5"}, "value", "أدخل عددًا صحيحًا لا 12.5"),
        ({"unit": "percent", "values-0-value": "140"}, "value", "من 0 إلى 100"),
        ({"values-0-value": "-3"}, "value", "لا يمكن أن تكون قيمة هذا المؤشر سالبة"),
        ({"kind": "breakdown"}, "category", "يحتاج التوزيع إلى ذكر الفئة"),
    ],
)
def test_a_value_that_does_not_fit_is_refused_with_a_clear_message(changes, field, message):
    from django.utils import translation

    with translation.override("ar"):
        form = admin_form(form_data(**changes))
        assert not form.is_valid()
        errors = form.formsets["values"].forms[0].errors
        assert field in errors
        assert message in " ".join(errors[field])
    assert Indicator.objects.count() == 0


def test_a_computed_indicator_takes_no_typed_value():
    from django.utils import translation

    with translation.override("ar"):
        form = admin_form(form_data(computation="applications_received"))
        assert not form.is_valid()
        assert "يأخذ المؤشر المحسوب قيمه من بيانات الموقع" in " ".join(form.errors["computation"])


def test_a_valid_indicator_is_saved_with_its_value():
    form = admin_form(form_data())
    assert form.is_valid(), form.errors
    indicator = form.save()
    assert [str(v.value) for v in indicator.values.all()] == ["120.00"]
    assert datetime.date(2025, 6, 30) == indicator.values.get().date


def test_the_key_figures_block_leaves_out_an_indicator_deleted_since(client, indicators_page, home):
    kept = make_indicator(slug="kept", name="الجمعيات", values=[("2025-12-31", 214)])
    gone = make_indicator(slug="gone", name="مؤشر محذوف", values=[("2025-12-31", 9)])
    home.body = [("indicator_figures", {"heading": "بالأرقام", "indicators": [kept, gone]})]
    home.save_revision().publish()
    gone.delete()
    page = client.get(home.url)
    assert page.status_code == 200
    text = page.content.decode()
    assert "214" in text and "حتى 31 ديسمبر 2025" in text
    assert 'href="/ar/indicators/kept/"' in text
    assert "مؤشر محذوف" not in text
    assert IndicatorIndexPage.objects.count() == 1


def test_the_command_refreshes_cached_pages(application_form):
    from home.caching import content_version

    make_indicator(slug="received", computation="applications_received")
    before = content_version()
    call_command("compute_indicators", stdout=StringIO())
    assert content_version() != before, "a cached page would go on showing yesterday's figure"


def test_an_english_breakdown_names_the_governorates_modules_and_tracks_in_english(
    client, home, indicators_page
):
    english = Locale.objects.get(language_code="en")
    damascus = Region.objects.get(slug="damascus", locale=Locale.get_default())
    english_name = damascus.get_translation_or_none(english) or damascus.copy_for_translation(
        english
    )
    english_name.name = "Damascus"
    english_name.save()
    module = ModulePageFactory(parent=home, title="أساسيات الأمن السيبراني")
    translated = module.copy_for_translation(english, copy_parents=True)
    translated.title = "Cybersecurity basics"
    translated.save_revision().publish()
    programme = ProgrammePageFactory(parent=home, track="الاحتضان")
    programme = programme.copy_for_translation(english, copy_parents=True)
    programme.track = "Incubation"
    programme.save_revision().publish()

    indicator = make_indicator(
        kind="breakdown",
        values=[
            ("2026-06-30", damascus.name, 12),
            ("2026-06-30", module.title, 7),
            ("2026-06-30", "الاحتضان", 5),
            ("2026-06-30", "مجموعة لا يعرفها أحد", 3),
        ],
    )
    in_english = indicator.copy_for_translation(english)
    in_english.name = "Trainees"
    in_english.save()
    in_english.save_revision().publish()

    groups = {p["category"]: (p["value"], p["language"]) for p in in_english.points}
    assert groups == {
        "Damascus": (12, ""),
        "Cybersecurity basics": (7, ""),
        "Incubation": (5, ""),
        # A name no app knows stays as typed, and says it is Arabic.
        "مجموعة لا يعرفها أحد": (3, "ar"),
    }
    # The Arabic indicator keeps its own names.
    assert {(p["category"], p["language"]) for p in indicator.points} == {
        (damascus.name, ""),
        (module.title, ""),
        ("الاحتضان", ""),
        ("مجموعة لا يعرفها أحد", ""),
    }

    indicators_page.copy_for_translation(english, copy_parents=True).save_revision().publish()
    table = BeautifulSoup(client.get("/en/indicators/trainees/").content, "html.parser")
    cells = {td.get_text(): td for td in table.select(".chart-table td")}
    assert not cells["Incubation"].has_attr("lang")
    assert (cells["مجموعة لا يعرفها أحد"]["lang"], cells["مجموعة لا يعرفها أحد"]["dir"]) == (
        "ar",
        "rtl",
    )


def test_only_applications_to_programmes_are_counted(application_form, home):
    form, _programme = application_form
    survey = ApplicationFormPageFactory(parent=home, fields=FIELDS)
    indicator = make_indicator(slug="received", computation="applications_received")
    apply(form)
    apply(survey)
    apply(survey)
    call_command("compute_indicators", stdout=StringIO())
    assert [p["value"] for p in Indicator.objects.get(pk=indicator.pk).points] == [1]


def test_the_history_of_a_series_is_counted_from_the_records_as_they_stood_each_week(
    application_form, client, indicators_page
):
    """A site (or an indicator) added after the work began: its chart starts with the history
    the records hold, not with one point on the day it was added."""
    form, _programme = application_form
    make_indicator(slug="received", computation="applications_received")
    make_indicator(slug="accepted", computation="applications_accepted")
    make_indicator(
        slug="where", kind="breakdown", computation="applications_received_by_governorate"
    )
    today = timezone.localdate()
    moment = timezone.make_aware(datetime.datetime.combine(today, datetime.time(12)))
    for weeks_ago, status, decided_weeks_ago in (
        (3, Status.ACCEPTED, 2),
        (2, Status.RECEIVED, 0),
        (1, Status.ACCEPTED, 0),
    ):
        submission = apply(form, status)
        Submission.objects.filter(pk=submission.pk).update(
            submit_time=moment - datetime.timedelta(weeks=weeks_ago),
            status_changed_at=moment - datetime.timedelta(weeks=decided_weeks_ago),
        )
    out = StringIO()
    since = today - datetime.timedelta(weeks=4)
    call_command("compute_indicators", "--since", since.isoformat(), stdout=out)
    assert "received: 4 past day(s) counted" in out.getvalue()

    def points(slug):
        return [(p["date"], p["value"]) for p in Indicator.objects.get(slug=slug).points]

    weeks = [since + datetime.timedelta(weeks=i) for i in range(4)] + [today]
    assert points("received") == list(zip(weeks, [0, 1, 2, 3, 3], strict=True))
    # The first was accepted a week after it came, the third today.
    assert points("accepted") == list(zip(weeks, [0, 0, 1, 1, 2], strict=True))
    # A breakdown is counted for now only: its bars are today's.
    assert [p["date"] for p in Indicator.objects.get(slug="where").points] == [today]
    page = BeautifulSoup(client.get(indicators_page.url + "received/").content, "html.parser")
    assert len(page.select("svg.chart .chart-point")) == 5


@pytest.mark.parametrize(
    "arguments,message",
    [
        (["--since", "2026-13-01"], "YYYY-MM-DD"),
        (["--since", "2026-01-01", "--every", "0"], "1 or more"),
    ],
)
def test_the_history_command_names_what_it_cannot_read(arguments, message):
    with pytest.raises(CommandError, match=message):
        call_command("compute_indicators", *arguments, stdout=StringIO())


def test_completions_count_each_module_once_whatever_the_language_it_was_read_in(
    client, home, indicators_page
):
    module = ModulePageFactory(parent=home, title="أساسيات الأمن السيبراني")
    english = module.copy_for_translation(Locale.objects.get(language_code="en"), copy_parents=True)
    english.title = "Cybersecurity basics"
    english.save_revision().publish()
    other = ModulePageFactory(parent=home, title="إدارة المتطوعين")
    for page, learners in ((module, 2), (english, 1), (other, 1)):
        for n in range(learners):
            Certificate.objects.create(name=f"متعلم {n}", module=page, module_title=page.title)
    # A module since deleted is still counted, under the title its certificates keep.
    Certificate.objects.create(name="متعلم قديم", module=None, module_title="وحدة محذوفة")
    make_indicator(slug="completions", kind="breakdown", computation="module_completions")

    call_command("compute_indicators", stdout=StringIO())

    table = BeautifulSoup(client.get(indicators_page.url + "completions/").content, "html.parser")
    rows = [[td.get_text() for td in row.select("td")] for row in table.select(".chart-table tr")]
    # (group, value), the date aside: each module once, in the chart's order.
    assert [row[1:] for row in rows if row] == [
        ["أساسيات الأمن السيبراني", "3"],
        ["إدارة المتطوعين", "1"],
        ["وحدة محذوفة", "1"],
    ]
