"""After an upgrade that changes the site's text analysis, the index built before stems words
one way and queries another: the deployment is told to build it again."""

import importlib

import pytest
from django.apps import apps
from django.core import checks
from django.core.management import call_command

from home.caching import content_version
from search.checks import index_built_with_this_analysis
from search.models import SearchIndexState
from tests.factories import StandardPageFactory

pytestmark = pytest.mark.django_db


def warnings():
    return [message.id for message in index_built_with_this_analysis(None)]


def test_a_new_database_is_indexed_with_the_analysis_it_runs(home):
    assert warnings() == []


def test_an_index_built_with_another_analysis_is_said_until_it_is_built_again(home):
    SearchIndexState.objects.update(analysis="an earlier analysis")
    assert warnings() == ["search.W001"]
    assert "update_index" in index_built_with_this_analysis(None)[0].hint
    version = content_version()
    call_command("update_index", stdout=None)
    assert warnings() == []
    assert content_version() != version  # searches remembered from the old index are forgotten
    assert SearchIndexState.objects.get().built_at is not None


def test_the_warning_is_one_of_the_sites_checks(home):
    SearchIndexState.objects.update(analysis="")
    assert "search.W001" in [message.id for message in checks.run_checks()]


def test_a_site_upgraded_with_pages_is_told_to_build_its_index_again(home):
    """The index of a site that had pages before this record existed was built with an
    analysis nobody knows."""
    StandardPageFactory(parent=home, title="برنامج")
    migration = importlib.import_module("search.migrations.0006_index_state")
    SearchIndexState.objects.all().delete()
    migration.record_what_is_known(apps, None)
    assert warnings() == ["search.W001"]
