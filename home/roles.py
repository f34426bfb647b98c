"""Who may do what in the admin: the staff groups, their permissions per section, and the workflow.

A section is a part of the site with its own editors: its index pages (one per language) and the
snippets its pages use. `SECTIONS` names them by model label, so this module imports no feature
app; a label whose app is not installed yet is skipped, and when that app arrives its index pages
get their permissions and the moderation workflow as they are created (`page_created`) or
when `manage.py setup_roles` runs. Everything here is idempotent.

Application reviewers and volunteer coordinators get access to the admin and nothing else here;
the applications and volunteering apps give them the rest. A form page names its reviewers
(members of `APPLICATION_REVIEWERS`), and the forms' submissions are open to those reviewers and
to `SITE_ADMINISTRATORS` only, whatever pages anyone may edit: Wagtail's
`filter_form_submissions_for_user` hook replaces Wagtail's rule with that one, so every
submission view follows it, and the "New submissions to review" dashboard
panel subclasses `home.dashboard.PageListPanel`, as the programmes app's panel does.
"""

from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Locale,
    Page,
    TranslatableMixin,
    Workflow,
    WorkflowContentType,
    WorkflowMixin,
    WorkflowPage,
    WorkflowTask,
)
from wagtail.snippets.models import get_snippet_models


@dataclass(frozen=True)
class Section:
    editors: str
    index_pages: tuple[str, ...]
    snippets: tuple[str, ...] = ()


SECTIONS = {
    "programmes": Section(
        editors="محررو البرامج",
        index_pages=("programmes.ProgrammeIndexPage", "programmes.PartnerIndexPage"),
        snippets=(
            "programmes.EligibilityCriterion",
            "programmes.Partner",
            "programmes.Region",
            "programmes.TargetGroup",
        ),
    ),
    "news": Section(
        editors="محررو الأخبار",
        index_pages=("news.NewsIndexPage", "news.EventIndexPage"),
        snippets=("news.NewsCategory",),
    ),
    "learning": Section(
        editors="محررو التعلّم",
        index_pages=("learning.LearningIndexPage",),
    ),
    "volunteering": Section(
        editors="محررو التطوع",
        index_pages=("volunteering.VolunteeringIndexPage",),
        snippets=("volunteering.Skill",),
    ),
}

MODERATORS = "المشرفون"
# What keeps search answering, curated by moderators: the results promoted for a query and the
# synonyms (with them, the report of searches without an answer).
SEARCH_CURATION = ("wagtailsearchpromotions.SearchPromotion", "search.SynonymGroup")
TRANSLATORS = "المترجمون"
APPLICATION_REVIEWERS = "مراجعو الطلبات"
# Review the sign-ups of the volunteer opportunities that name them and record their hours.
VOLUNTEER_COORDINATORS = "منسقو التطوع"
SITE_ADMINISTRATORS = "مديرو الموقع"
# Wagtail shows group, workflow and task names as stored, in every admin language, so they are
# stored in the site's first language. "Moderator approval":
WORKFLOW_NAME = "اعتماد المشرف"

EDITOR_GROUPS = tuple(section.editors for section in SECTIONS.values())
GROUPS = (
    *EDITOR_GROUPS,
    MODERATORS,
    TRANSLATORS,
    APPLICATION_REVIEWERS,
    VOLUNTEER_COORDINATORS,
    SITE_ADMINISTRATORS,
)

EDITOR_PAGE_PERMISSIONS = ("add_page", "change_page")
MODERATOR_PAGE_PERMISSIONS = (
    "add_page",
    "change_page",
    "publish_page",
    "lock_page",
    "unlock_page",
)
TRANSLATOR_PAGE_PERMISSIONS = ("add_page", "change_page")
# Editors, moderators and administrators write sources; a translator with none of these roles
# only translates them.
SOURCE_WRITERS = (*EDITOR_GROUPS, MODERATORS, SITE_ADMINISTRATORS)


def installed_models(labels):
    """The models among `labels` that are installed; the others are skipped."""
    models = []
    for label in labels:
        try:
            models.append(apps.get_model(label))
        except LookupError:
            continue
    return models


def translates_only(user):
    """Whether the user may translate but never change a source-language row."""
    if user.is_superuser:
        return False
    names = set(user.groups.values_list("name", flat=True))
    return TRANSLATORS in names and not names & set(SOURCE_WRITERS)


def translatable_snippets():
    return [model for model in get_snippet_models() if issubclass(model, TranslatableMixin)]


def moderated_snippets():
    """The snippets whose changes go through the moderation workflow, as pages' do."""
    return [model for model in translatable_snippets() if issubclass(model, WorkflowMixin)]


def _permission(name):
    app_label, codename = name.split(".")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def _model_permissions(models, actions):
    """The models' permissions for these actions; an action a model lacks is skipped."""
    permissions = []
    for model in models:
        permissions += Permission.objects.filter(
            content_type=ContentType.objects.get_for_model(model),
            codename__in=[f"{action}_{model._meta.model_name}" for action in actions],
        )
    return permissions


def _grant_page(group, page, codenames):
    for codename in codenames:
        GroupPagePermission.objects.get_or_create(
            group=group,
            page=page,
            permission=Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            ),
        )


def section_of(page):
    """The name of the section whose index page `page` is, or None."""
    label = page.specific_class._meta.label if page.specific_class else None
    for name, section in SECTIONS.items():
        if label in section.index_pages:
            return name
    return None


def moderation_workflow():
    moderators = Group.objects.get(name=MODERATORS)
    task = GroupApprovalTask.objects.filter(name=WORKFLOW_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=WORKFLOW_NAME)
    task.groups.add(moderators)
    workflow, _created = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    return workflow


def grant_section_page(page):
    """Give a section index page its editors, moderators and the moderation workflow."""
    name = section_of(page)
    if name is None:
        return
    _grant_page(Group.objects.get(name=SECTIONS[name].editors), page, EDITOR_PAGE_PERMISSIONS)
    _grant_page(Group.objects.get(name=MODERATORS), page, MODERATOR_PAGE_PERMISSIONS)
    WorkflowPage.objects.update_or_create(page=page, defaults={"workflow": moderation_workflow()})


def grant_translation_root(page):
    """Translators edit (never publish) whole trees of the languages other than the source, and
    what they translate goes through the moderators' approval like the source did."""
    if page.depth == 2 and page.locale.language_code != settings.LANGUAGE_CODE:
        _grant_page(Group.objects.get(name=TRANSLATORS), page, TRANSLATOR_PAGE_PERMISSIONS)
        WorkflowPage.objects.get_or_create(page=page, defaults={"workflow": moderation_workflow()})


def page_created(page):
    """Grant on a new section index page or language home page (not while groups are missing)."""
    if section_of(page) is None and page.depth != 2:
        return
    if Group.objects.filter(name__in=GROUPS).count() < len(GROUPS):
        return
    grant_section_page(page)
    grant_translation_root(page)


@transaction.atomic
def setup_roles():
    """Create the groups and grant everything they need on the pages that exist now."""
    groups = {name: Group.objects.get_or_create(name=name)[0] for name in GROUPS}
    admin_access = _permission("wagtailadmin.access_admin")
    for group in groups.values():
        group.permissions.add(admin_access)

    media_models = (get_image_model(), get_document_model())
    media = _model_permissions(media_models, ("add", "change", "choose"))
    root_collection = Collection.get_first_root_node()
    staff_with_media = (*EDITOR_GROUPS, MODERATORS, SITE_ADMINISTRATORS)
    for name in staff_with_media:
        for permission in media:
            GroupCollectionPermission.objects.get_or_create(
                group=groups[name], collection=root_collection, permission=permission
            )

    # Editors publish their sources' snippets as before; moderators publish every snippet's
    # translations, which translators submit to the workflow and may not publish.
    for section in SECTIONS.values():
        snippets = _model_permissions(
            installed_models(section.snippets), ("add", "change", "publish")
        )
        groups[section.editors].permissions.add(*snippets)
        groups[MODERATORS].permissions.add(*snippets)
    groups[MODERATORS].permissions.add(
        *_model_permissions(moderated_snippets(), ("change", "publish", "view"))
    )
    groups[MODERATORS].permissions.add(
        *_model_permissions(installed_models(SEARCH_CURATION), ("add", "change", "delete", "view"))
    )
    workflow = moderation_workflow()
    for model in moderated_snippets():
        WorkflowContentType.objects.update_or_create(
            content_type=ContentType.objects.get_for_model(model, for_concrete_model=False),
            defaults={"workflow": workflow},
        )
        index_models = installed_models(section.index_pages)
        for model in index_models:
            for page in model.objects.all():
                grant_section_page(page)

    # Translators change every translatable snippet; a hook keeps them to the translations
    # (Wagtail's snippet permissions cannot tell one language from another).
    groups[TRANSLATORS].permissions.add(
        *_model_permissions(translatable_snippets(), ("change", "view"))
    )

    # Editors and moderators send their pages to translation and sync them after a change;
    # translators do the same from their dashboard.
    submit_translation = _permission("wagtail_localize.submit_translation")
    for name in (*EDITOR_GROUPS, MODERATORS, TRANSLATORS):
        groups[name].permissions.add(submit_translation)
    source = Locale.objects.filter(language_code=settings.LANGUAGE_CODE).first()
    for page in Page.objects.filter(depth=2).exclude(locale=source):
        grant_translation_root(page)

    # Site administrators run the whole site without being superusers: every permission, and
    # every page action from the root of the tree.
    groups[SITE_ADMINISTRATORS].permissions.set(Permission.objects.all())
    _grant_page(
        groups[SITE_ADMINISTRATORS],
        Page.get_first_root_node(),
        [
            f"{action}_page"
            for action in ("add", "bulk_delete", "change", "lock", "publish", "unlock")
        ],
    )
    for permission in _model_permissions(media_models, ("add", "change", "delete", "choose")):
        GroupCollectionPermission.objects.get_or_create(
            group=groups[SITE_ADMINISTRATORS], collection=root_collection, permission=permission
        )
    return groups
