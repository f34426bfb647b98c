"""A programme goes from an editor's draft, through a moderator's approval, to the public site."""

import pytest
from django.urls import reverse
from wagtail.models import WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from home import roles
from programmes.models import ProgrammePage

pytestmark = pytest.mark.django_db

EDITORS = roles.SECTIONS["programmes"].editors


def programme_form(**fields):
    data = {
        "title": "مسار الأرشفة الرقمية",
        "slug": "digital-archiving",
        "summary": "تدريب الجمعيات على أرشفة وثائقها رقميًا.",
        "track": "التحول الرقمي",
        "opens": "",
        "closes": "",
        "objectives": rich_text("<p>أرشفة الوثائق.</p>"),
        "benefits": rich_text("<p>نظام أرشفة مجاني.</p>"),
        "eligibility": streamfield([]),
        "joining_steps": streamfield(
            [
                (
                    "step",
                    {
                        "title": "قدّم الطلب",
                        "text": "املأ الاستمارة.",
                        "documents": {"count": 0},
                        "link_page": "",
                        "link_url": "",
                        "link_label": "",
                    },
                )
            ]
        ),
        "body": streamfield([]),
        "faqs": streamfield([]),
        "related_news": streamfield([]),
        "comments": inline_formset([]),
        **fields,
    }
    return nested_form_data(data)


@pytest.fixture
def submitted(client, staff, programmes):
    """An editor's programme, submitted for moderation through the admin."""
    staff(client, EDITORS)
    url = reverse("wagtailadmin_pages:add", args=("programmes", "programmepage", programmes.pk))
    response = client.post(url, programme_form(**{"action-submit": "submit"}))
    assert response.status_code == 302
    page = ProgrammePage.objects.get(slug="digital-archiving")
    client.logout()
    return page


def act(client, page, action, **data):
    state = page.current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, state.pk])
    return client.post(url, data)


def test_an_editors_submission_waits_for_a_moderator(submitted):
    assert not submitted.live
    state = submitted.current_workflow_state
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.workflow.name == roles.WORKFLOW_NAME


def test_a_moderator_approves_and_the_programme_is_published(client, staff, submitted):
    staff(client, roles.MODERATORS)
    response = client.get(reverse("wagtailadmin_home"))
    assert "مسار الأرشفة الرقمية" in response.content.decode()
    act(client, submitted, "approve", comment="")
    submitted.refresh_from_db()
    assert submitted.live
    assert submitted.current_workflow_state is None


def test_a_moderator_rejects_with_a_comment_and_the_editor_sees_it(client, staff, submitted):
    moderator = staff(client, roles.MODERATORS)
    act(client, submitted, "reject", comment="أضيفوا موعد الإغلاق قبل النشر.")
    submitted.refresh_from_db()
    assert not submitted.live
    state = WorkflowState.objects.get(requested_by__groups__name=EDITORS)
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    task_state = state.task_states.get()
    assert task_state.finished_by == moderator
    assert task_state.comment == "أضيفوا موعد الإغلاق قبل النشر."


def test_an_editor_cannot_approve_their_own_submission(client, staff, submitted):
    staff(client, EDITORS)
    act(client, submitted, "approve", comment="")
    submitted.refresh_from_db()
    assert not submitted.live
