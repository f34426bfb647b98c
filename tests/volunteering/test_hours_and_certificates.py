"""A coordinator records hours for the opportunities that name them; a volunteer with hours gets a
certificate of service that anyone can check with its code."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from wagtail.models import Locale, ModelLogEntry

from applications.models import Submission
from home.roles import APPLICATION_REVIEWERS, VOLUNTEER_COORDINATORS
from tests.applications.conftest import not_found
from tests.factories import StaffUserFactory, VolunteerOpportunityPageFactory
from tests.volunteering.conftest import accept, name, text_of
from volunteering.hours import HoursRefused, record_hours
from volunteering.models import ServiceCertificate, ServiceHours

pytestmark = pytest.mark.django_db

DAY = datetime.date(2026, 11, 20)


@pytest.fixture
def signed_up(opportunity, sign_up):
    sign_up(opportunity)
    return Submission.objects.get()


@pytest.fixture
def coordinating(client, coordinator, opportunity):
    name(opportunity, coordinator)
    client.force_login(coordinator)
    return client


def hours_url(page):
    return reverse("volunteering_hours", args=[page.pk])


def post_hours(client, page, sign_up, hours="12", served_on="2026-11-20", note=""):
    return client.post(
        hours_url(page),
        {"sign_up": sign_up.pk, "hours": hours, "served_on": served_on, "note": note},
    )


def test_a_coordinator_records_hours_for_an_accepted_volunteer(
    coordinating, opportunity, signed_up
):
    accept(signed_up)
    page = coordinating.get(hours_url(opportunity))
    assert page.status_code == 200
    assert "ليلى عبد الرحمن" in text_of(page)

    response = post_hours(coordinating, opportunity, signed_up, hours="١٢")
    assert response.status_code == 302
    record = ServiceHours.objects.get()
    assert record.hours == Decimal("12")
    assert record.recorded_by.username == "munassiq"
    assert "12" in text_of(coordinating.get(hours_url(opportunity)))


@pytest.mark.parametrize(
    ("hours", "served_on", "message"),
    [
        ("-3", "2026-11-20", "سجّل نصف ساعة على الأقل."),
        ("0", "2026-11-20", "سجّل نصف ساعة على الأقل."),
        ("2.25", "2026-11-20", ""),
        ("كثير", "2026-11-20", "أدخل عدد الساعات"),
        ("1000", "2026-11-20", "هذا أكثر مما تسمح به الفرصة"),
        ("12", "2026-10-01", "اختر يومًا بين بداية الفرصة ونهايتها."),
        ("12", "yesterday", ""),
    ],
)
def test_bad_hours_are_refused_with_a_message_and_kept(
    coordinating, opportunity, signed_up, hours, served_on, message
):
    accept(signed_up)
    response = post_hours(coordinating, opportunity, signed_up, hours, served_on, note="ورشة")

    assert response.status_code == 400
    assert message in text_of(response)
    assert f'value="{hours}"' in response.content.decode()
    assert ServiceHours.objects.count() == 0


def test_the_hours_of_one_volunteer_never_exceed_what_the_opportunity_allows(
    coordinating, opportunity, signed_up
):
    # 4 hours a week from 1 November 2026 to 30 April 2027: 26 weeks, 104 hours at most.
    accept(signed_up)
    assert opportunity.most_hours() == 104
    assert post_hours(coordinating, opportunity, signed_up, hours="100").status_code == 302
    refused = post_hours(coordinating, opportunity, signed_up, hours="4.5")
    assert refused.status_code == 400
    assert "104" in text_of(refused)
    assert post_hours(coordinating, opportunity, signed_up, hours="4").status_code == 302
    assert sum(r.hours for r in ServiceHours.objects.all()) == 104


def withdraw_url(page, entry):
    return reverse("volunteering_withdraw_hours", args=[page.pk, entry.pk])


def test_a_coordinator_withdraws_hours_recorded_by_mistake(coordinating, opportunity, signed_up):
    accept(signed_up)
    post_hours(coordinating, opportunity, signed_up, hours="3")
    post_hours(coordinating, opportunity, signed_up, hours="30", note="خطأ")
    mistake = ServiceHours.objects.get(note="خطأ")
    page = text_of(coordinating.get(hours_url(opportunity)))
    assert "الساعات: 30" in page and "الساعات: 3" in page

    # A link cannot withdraw hours: only the form's button.
    assert coordinating.get(withdraw_url(opportunity, mistake)).status_code == 405
    response = coordinating.post(withdraw_url(opportunity, mistake), follow=True)
    assert "سُحبت 30 ساعة من ساعات ليلى عبد الرحمن." in text_of(response)
    assert [r.hours for r in ServiceHours.objects.all()] == [Decimal("3")]
    # The admin's history says who withdrew what.
    entry = ModelLogEntry.objects.get(action="wagtail.delete")
    assert entry.user.username == "munassiq"


def test_only_the_opportunitys_coordinators_withdraw_its_hours(
    client, coordinator, index, opportunity, signed_up
):
    accept(signed_up)
    name(opportunity, coordinator)
    record = record_hours(coordinator, opportunity, signed_up, Decimal(2), DAY)
    other = VolunteerOpportunityPageFactory(parent=index)
    stranger = StaffUserFactory(groups=[VOLUNTEER_COORDINATORS])
    name(other, stranger)
    client.force_login(stranger)
    assert not_found(client, client.post(withdraw_url(opportunity, record)))
    # Nor through the opportunity that names them.
    assert not_found(client, client.post(withdraw_url(other, record)))
    assert ServiceHours.objects.count() == 1


def test_no_hours_before_the_sign_up_is_accepted(coordinating, opportunity, signed_up):
    response = post_hours(coordinating, opportunity, signed_up)
    assert response.status_code == 400
    assert ServiceHours.objects.count() == 0


def test_a_coordinator_cannot_record_hours_for_an_opportunity_that_does_not_name_them(
    client, coordinator, index, opportunity, signed_up, sign_up
):
    accept(signed_up)
    other = VolunteerOpportunityPageFactory(parent=index)
    name(other, coordinator)
    client.force_login(coordinator)

    assert not_found(client, client.get(hours_url(opportunity)))
    assert not_found(client, post_hours(client, opportunity, signed_up))
    # Nor through the opportunity that names them, for a volunteer of another one.
    assert not_found(client, post_hours(client, other, signed_up))
    with pytest.raises(HoursRefused):
        record_hours(coordinator, opportunity, signed_up, Decimal(2), DAY)
    assert ServiceHours.objects.count() == 0


def test_a_member_of_another_group_has_no_hours_page(client, opportunity, coordinator):
    reviewer = StaffUserFactory(groups=[APPLICATION_REVIEWERS])
    name(opportunity, reviewer)  # ticked by mistake: not a coordinator
    client.force_login(reviewer)
    assert not_found(client, client.get(hours_url(opportunity)))
    # The admin sends whoever may not see a page back to the dashboard.
    assert client.get(reverse("volunteering_hours_index"))["Location"] == "/admin/"


def test_a_coordinator_removed_from_the_group_loses_the_opportunity(coordinator, opportunity):
    name(opportunity, coordinator)
    coordinator.groups.remove(coordinator.groups.get(name=VOLUNTEER_COORDINATORS))
    with pytest.raises(HoursRefused):
        record_hours(coordinator, opportunity, Submission(page=opportunity), Decimal(2), DAY)


@pytest.fixture
def served(coordinator, opportunity, signed_up):
    name(opportunity, coordinator)
    accept(signed_up)
    record_hours(coordinator, opportunity, signed_up, Decimal(12), DAY)
    return signed_up


def certificate_url(index):
    return index.url + "certificate/"


def test_a_volunteer_with_hours_gets_a_certificate_without_an_account(client, index, served):
    response = client.post(
        certificate_url(index),
        {"reference": served.reference.lower(), "email": "Layla@Example.org"},
    )
    assert response.status_code == 302
    certificate = ServiceCertificate.objects.get()
    assert response["Location"] == index.url + f"certificates/{certificate.code}/"
    page = text_of(client.get(response["Location"]))
    assert "ليلى عبد الرحمن" in page
    assert "موقع لجمعية المسنين" in page
    assert "12" in page
    assert certificate.code in page

    # Asking again gives the same certificate.
    again = client.post(
        certificate_url(index), {"reference": served.reference, "email": served.email}
    )
    assert again["Location"] == response["Location"]
    assert ServiceCertificate.objects.count() == 1


def test_more_hours_give_a_new_certificate_and_the_old_one_still_verifies(
    client, index, served, coordinator, opportunity
):
    first = client.post(
        certificate_url(index), {"reference": served.reference, "email": served.email}
    )
    record_hours(coordinator, opportunity, served, Decimal("3.5"), DAY)
    second = client.post(
        certificate_url(index), {"reference": served.reference, "email": served.email}
    )
    assert first["Location"] != second["Location"]
    assert sorted(c.hours for c in ServiceCertificate.objects.all()) == [12, Decimal("15.5")]
    assert client.get(first["Location"]).status_code == 200


@pytest.mark.parametrize(
    ("hours", "wording"),
    [
        ("1", "لتطوّع مدّته ساعة واحدة في"),
        ("2", "لتطوّع مدّته ساعتان في"),
        ("5", "لتطوّع مدّته 5 ساعات في"),
        ("12", "لتطوّع مدّته 12 ساعة في"),
        ("2.5", "لتطوّع مدّته 2.5 ساعة في"),
    ],
)
def test_a_certificate_counts_its_hours_in_arabic(client, index, hours, wording):
    certificate = ServiceCertificate.objects.create(
        name="ليلى عبد الرحمن", opportunity_title="موقع لجمعية المسنين", hours=Decimal(hours)
    )
    page = text_of(client.get(index.url + f"certificates/{certificate.code}/"))
    assert wording in page


@pytest.mark.parametrize(("hours", "wording"), [("1.5", "1,5 heure de"), ("2.5", "2,5 heures de")])
def test_a_french_certificate_counts_the_whole_hours(client, index, hours, wording):
    french = index.copy_for_translation(Locale.objects.get(language_code="fr"), copy_parents=True)
    french.save_revision().publish()
    certificate = ServiceCertificate.objects.create(
        name="Yasmine Benali", opportunity_title="Un site pour une association", hours=hours
    )
    page = text_of(client.get(french.url + f"certificates/{certificate.code}/"))
    assert f"pour {wording} bénévolat dans" in page


@pytest.mark.parametrize(
    ("reference", "email", "message"),
    [
        ("TMK-2026-999999", "layla@example.org", "لم نجد تسجيلًا"),
        (None, "someone@example.org", "لم نجد تسجيلًا"),
    ],
)
def test_a_wrong_reference_or_email_finds_no_certificate(
    client, index, served, reference, email, message
):
    response = client.post(
        certificate_url(index), {"reference": reference or served.reference, "email": email}
    )
    assert response.status_code == 200
    assert message in text_of(response)
    assert ServiceCertificate.objects.count() == 0


def test_no_certificate_before_hours_are_recorded(client, index, signed_up):
    accept(signed_up)
    response = client.post(
        certificate_url(index), {"reference": signed_up.reference, "email": signed_up.email}
    )
    assert "لم تُسجّل أي ساعات لهذا التسجيل بعد" in text_of(response)
    assert ServiceCertificate.objects.count() == 0


def test_an_application_is_not_a_sign_up(client, index, home):
    Submission.objects.create(
        page=home, reference="TMK-2026-000777", email="a@example.org", form_data={}
    )
    response = client.post(
        certificate_url(index), {"reference": "TMK-2026-000777", "email": "a@example.org"}
    )
    assert "لم نجد تسجيلًا" in text_of(response)


def test_an_empty_certificate_request_is_explained(client, index):
    response = client.post(certificate_url(index), {"reference": "", "email": "layla@"})
    assert response.status_code == 400
    assert "هناك مشكلة" in text_of(response)
    assert 'value="layla@"' in response.content.decode()


def verify(client, index, code):
    return text_of(client.get(index.url + "verify/", {"code": code}))


def test_anyone_checks_a_certificate_by_its_code_as_typed(client, index, served):
    client.post(certificate_url(index), {"reference": served.reference, "email": served.email})
    code = ServiceCertificate.objects.get().code
    typed = code.lower().replace("-", " ")
    result = verify(client, index, typed)
    assert "هذه الشهادة صحيحة" in result
    assert "ليلى عبد الرحمن" in result


@pytest.mark.parametrize(
    "code", ["ABCD-EFGH-JKLM-NPQR", "not a code", "ABCD-EFGH-JKLM-NPQ0", "x" * 40]
)
def test_a_forged_code_is_not_a_certificate(client, index, served, code):
    client.post(certificate_url(index), {"reference": served.reference, "email": served.email})
    assert "لا توجد شهادة بهذا الرمز" in verify(client, index, code)
    assert client.get(index.url + f"certificates/{code.replace(' ', '')}/").status_code == 404
