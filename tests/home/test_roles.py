"""Each role can do its job in its own sections, and nothing more."""

from io import StringIO

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import GroupPagePermission, Page, WorkflowPage

from home import roles
from home.roles import SECTIONS, Section
from tests.factories import ProgrammeIndexPageFactory, ProgrammePageFactory, StandardPageFactory

pytestmark = pytest.mark.django_db

PROGRAMME_EDITORS = SECTIONS["programmes"].editors
NEWS_EDITORS = SECTIONS["news"].editors


def edit(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def refused(response):
    """Wagtail refuses a page it does not let you edit by sending you back to the dashboard."""
    return response.status_code == 302 and response.url == reverse("wagtailadmin_home")


def test_the_migration_creates_every_group_and_drops_site_wide_editing(db):
    names = set(Group.objects.values_list("name", flat=True))
    assert names >= set(roles.GROUPS)
    # Named in Arabic, as the admin shows them in every language.
    assert not names & {"Editors", "Moderators", "Translators", "Site administrators"}
    root = Page.get_first_root_node()
    assert not GroupPagePermission.objects.filter(page=root, group__name=roles.MODERATORS).exists()


def test_a_news_editor_is_refused_a_programme(client, staff, programmes):
    programme = ProgrammePageFactory(parent=programmes)
    staff(client, NEWS_EDITORS)
    assert refused(client.get(edit(programme)))
    assert client.get(reverse("wagtailadmin_home")).status_code == 200


def test_a_programme_editor_edits_programmes_but_not_other_pages(client, staff, home, programmes):
    programme = ProgrammePageFactory(parent=programmes)
    about = StandardPageFactory(parent=home)
    staff(client, PROGRAMME_EDITORS)
    assert client.get(edit(programme)).status_code == 200
    assert refused(client.get(edit(about)))


def test_editors_save_drafts_and_send_them_to_translation_but_cannot_publish(
    staff, client, programmes
):
    user = staff(client, PROGRAMME_EDITORS)
    perms = programmes.permissions_for_user(user)
    assert perms.can_add_subpage() and perms.can_edit()
    assert not perms.can_publish()
    assert user.has_perm("wagtail_localize.submit_translation")


def test_moderators_publish_in_every_section_page(staff, client, programmes):
    user = staff(client, roles.MODERATORS)
    assert programmes.permissions_for_user(user).can_publish()


def test_a_translator_edits_translations_but_cannot_publish_source_pages(
    client, staff, programmes, english_programmes
):
    arabic = ProgrammePageFactory(parent=programmes)
    english = ProgrammePageFactory(parent=english_programmes, locale=english_programmes.locale)
    user = staff(client, roles.TRANSLATORS)
    assert user.has_perm("wagtail_localize.submit_translation")
    assert refused(client.get(edit(arabic)))
    assert not arabic.permissions_for_user(user).can_publish()
    assert client.get(edit(english)).status_code == 200
    assert not english.permissions_for_user(user).can_publish()


def test_translations_outside_the_sections_also_need_approval(client, staff, english_home):
    about = StandardPageFactory(parent=english_home, locale=english_home.locale, live=False)
    staff(client, roles.TRANSLATORS)
    assert about.get_workflow().name == roles.WORKFLOW_NAME


def test_a_reviewer_reaches_the_admin_and_no_page(client, staff, programmes):
    programme = ProgrammePageFactory(parent=programmes)
    staff(client, roles.APPLICATION_REVIEWERS)
    assert client.get(reverse("wagtailadmin_home")).status_code == 200
    assert refused(client.get(edit(programme)))
    assert refused(client.get(reverse("wagtailadmin_pages:add_subpage", args=[programmes.pk])))


def test_site_administrators_publish_anywhere(client, staff, home):
    user = staff(client, roles.SITE_ADMINISTRATORS)
    assert home.permissions_for_user(user).can_publish()
    assert user.has_perm("auth.change_user")


def test_an_index_page_created_later_gets_its_section_at_once(groups, home):
    index = ProgrammeIndexPageFactory(parent=home)
    granted = set(
        GroupPagePermission.objects.filter(page=index).values_list("group__name", flat=True)
    )
    assert granted == {PROGRAMME_EDITORS, roles.MODERATORS}
    assert WorkflowPage.objects.get(page=index).workflow.name == roles.WORKFLOW_NAME


def test_a_section_whose_app_is_not_installed_yet_is_skipped(monkeypatch, home, programmes):
    later = Section(editors="Later editors", index_pages=("later.LaterIndexPage",))
    monkeypatch.setitem(SECTIONS, "later", later)
    monkeypatch.setattr(roles, "GROUPS", (*roles.GROUPS, "Later editors"))
    roles.setup_roles()
    assert Group.objects.filter(name="Later editors").exists()
    assert not GroupPagePermission.objects.filter(group__name="Later editors").exists()
    assert GroupPagePermission.objects.filter(page=programmes, group__name=PROGRAMME_EDITORS)


def test_setup_roles_twice_changes_nothing(programmes):
    call_command("setup_roles", stdout=StringIO())
    counts = (GroupPagePermission.objects.count(), WorkflowPage.objects.count())
    call_command("setup_roles", stdout=StringIO())
    assert (GroupPagePermission.objects.count(), WorkflowPage.objects.count()) == counts
    assert counts[1] == 1


def test_moderators_keep_search_answering(staff, client, groups):
    user = staff(client, roles.MODERATORS)
    assert client.get("/admin/reports/unanswered-searches/").status_code == 200
    assert client.get("/admin/searchpicks/add/").status_code == 200
    assert user.has_perm("search.add_synonymgroup")
    editor = staff(client, roles.SECTIONS["news"].editors)
    assert not editor.has_perm("search.add_synonymgroup")
    assert client.get("/admin/reports/unanswered-searches/").status_code != 200
