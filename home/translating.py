"""Translators finish their work: from the translation editor to the moderators' approval.

wagtail-localize's editor offers "Publish" to those who may publish and nothing else to finish
with; the site's template of that editor adds "Submit for moderation" for everyone else, which
saves the translation as a draft and starts the workflow, as Wagtail's own editors do, for pages
and for the moderated snippets (criteria, regions, partners, footer texts...) alike. A translation
with sentences left untranslated is refused: wagtail-localize would fill them with the Arabic
source, and a moderator approving the English or French page would publish Arabic text on it.
Converting a translation to an alias of its source puts the source's text live at once, so it is
refused to those who may not publish the page; so is "Publish immediately" when syncing the
translations of a changed source.
"""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext
from django.views.decorators.http import require_POST
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.models import Page, TranslatableMixin, WorkflowMixin, WorkflowState
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail_localize.models import Translation
from wagtail_localize.views import convert
from wagtail_localize.views.update_translations import (
    UpdateTranslationsForm,
    UpdateTranslationsView,
)

from home.roles import translates_only

# wagtail-localize's words beside each translated sentence, which the site's catalogue translates
# without the date (wagtail-localize writes it with English month names whatever the admin's
# language). Marked here so that `make catalogues` keeps them.
TRANSLATION_NOTES = (
    gettext_noop("Translated manually on {date}"),
    gettext_noop("Machine translated on {date}"),
    gettext_noop("Translated with {tool_name} on {date}"),
)

# The name of wagtail-localize's "Convert to alias page" action in the page editor's menu.
CONVERT_TO_ALIAS = "localize-convert-to-alias"


def refuse_sources_to_translators(request, instance):
    """Translators may change every translatable snippet's translations, never its source."""
    if (
        isinstance(instance, TranslatableMixin)
        and instance.locale.language_code == settings.LANGUAGE_CODE
        and translates_only(request.user)
    ):
        raise PermissionDenied


def target_of(translation):
    """The page or snippet a translation writes, None once deleted."""
    try:
        return translation.get_target_instance()
    except ObjectDoesNotExist:
        return None


def may_publish(user, instance):
    if isinstance(instance, Page):
        return instance.permissions_for_user(user).can_publish()
    return ModelPermissionPolicy(type(instance)).user_has_permission(user, "publish")


def submits_for_moderation(user, instance):
    """Whether the translation editor offers this user "Submit for moderation" for `instance`."""
    return (
        isinstance(instance, WorkflowMixin)
        and not may_publish(user, instance)
        and instance.get_workflow() is not None
    )


def save_draft(translation, user):
    """Save the translation as a draft revision, keeping what visitors see until it is approved.

    wagtail-localize writes the translation into the page's or snippet's row before saving the
    revision (and takes a snippet offline): one that was live is put back as it was, with the
    draft waiting in its latest revision, which is how Wagtail's own editors save a draft."""
    target = translation.get_target_instance()
    shown = type(target).objects.get(pk=target.pk)
    translation.save_target(user=user, publish=False)
    if not shown.live:
        return
    draft = type(target).objects.get(pk=target.pk)
    shown.latest_revision = draft.latest_revision
    shown.has_unpublished_changes = True
    if isinstance(shown, Page):
        shown.draft_title = draft.draft_title
        shown.latest_revision_created_at = draft.latest_revision_created_at
        shown.save(clean=False)
    else:
        shown.save()


@require_POST
def submit_for_moderation(request, translation_id):
    translation = get_object_or_404(Translation, pk=translation_id, enabled=True)
    instance = translation.get_target_instance()
    if isinstance(instance, Page):
        may_edit = instance.permissions_for_user(request.user).can_edit()
        locked = instance.locked
    else:
        may_edit = ModelPermissionPolicy(type(instance)).user_has_permission(request.user, "change")
        locked = False
    if not may_edit or not isinstance(instance, WorkflowMixin):
        raise PermissionDenied
    workflow = instance.get_workflow()
    if workflow is None or locked:
        raise PermissionDenied
    edit_url = AdminURLFinder(request.user).get_edit_url(instance)
    total, translated = translation.get_progress()
    if translated < total:
        left = total - translated
        messages.error(
            request,
            ngettext(
                "%(count)s sentence is not translated yet: translate it, then submit again.",
                "%(count)s sentences are not translated yet: translate them, then submit again.",
                left,
            )
            % {"count": left},
        )
        return redirect(edit_url)
    try:
        save_draft(translation, request.user)
    except ValidationError:
        messages.error(request, _("The translation has errors: correct them, then submit again."))
        return redirect(edit_url)
    instance = type(instance).objects.get(pk=instance.pk)
    if isinstance(instance, Page):
        instance = instance.specific
    state = instance.current_workflow_state
    if state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        state.resume(request.user)
    elif state is None:
        workflow.start(instance, request.user)
    messages.success(
        request,
        _("“%(title)s” was submitted for moderation: a moderator will publish it.")
        % {"title": str(instance)},
    )
    return redirect(edit_url)


def convert_to_alias(request, page_id):
    """wagtail-localize's view, for those who may publish the page: an alias mirrors its source's
    text and live state, which would put Arabic live on an English page without a moderator."""
    page = get_object_or_404(Page, pk=page_id)
    if not page.permissions_for_user(request.user).can_publish():
        raise PermissionDenied
    return convert.convert_to_alias(request, page_id)


def hide_convert_to_alias(menu_items, request, context):
    page = context.get("page")
    if page is not None and page.pk and not page.permissions_for_user(request.user).can_publish():
        menu_items[:] = [item for item in menu_items if item.name != CONVERT_TO_ALIAS]


class SyncForm(UpdateTranslationsForm):
    """wagtail-localize's sync form without "Publish immediately"."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["publish_translations"]

    def clean(self):
        return {**super().clean(), "publish_translations": False}


class SyncView(UpdateTranslationsView):
    """wagtail-localize's sync of a changed source into its translations. Publishing them at
    once would put the changes live, in Arabic until translated, without a moderator: only
    those who may publish every translation are offered it."""

    def may_publish_all(self):
        targets = map(target_of, self.object.translations.filter(enabled=True))
        return all(may_publish(self.request.user, t) for t in targets if t is not None)

    def get_form(self):
        if self.may_publish_all():
            return super().get_form()
        return SyncForm(self.request.POST if self.request.method == "POST" else None)
