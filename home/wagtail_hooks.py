from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import Button

from . import demo_work, twofactor
from .dashboard import ChangedSinceTranslatedPanel, MyDraftsPanel, UnfinishedTranslationsPanel
from .page_search import PagesViewSet
from .translating import (
    SyncView,
    convert_to_alias,
    hide_convert_to_alias,
    refuse_sources_to_translators,
    submit_for_moderation,
)


@hooks.register("register_admin_urls")
def two_factor_urls():
    return [
        path("two-factor/", twofactor.two_factor, name="two_factor"),
        path(
            "two-factor/backup-codes/",
            twofactor.backup_codes,
            name="two_factor_backup_codes",
        ),
        path(
            "two-factor/reset/<int:user_id>/",
            twofactor.reset_two_factor,
            name="two_factor_reset",
        ),
    ]


@hooks.register("register_account_menu_item")
def two_factor_account_item(request):
    return {
        "url": reverse("two_factor_backup_codes"),
        "label": _("Two-step login"),
        "help_text": _("Set up two-step login, or make new backup codes."),
    }


@hooks.register("register_user_listing_buttons")
def reset_two_factor_button(user, request_user):
    if not twofactor.can_reset(request_user, user):
        return []
    return [
        Button(
            _("Reset two-step login"),
            url=reverse("two_factor_reset", args=[user.pk]),
            icon_name="key",
            priority=90,
        )
    ]


@hooks.register("load_demo_activity", order=20)
def demo_staff_work(accounts):
    translations, changes = demo_work.translations(), demo_work.changes_for_moderation()
    return f"Demo work: {len(translations)} translation to finish, {len(changes)} for moderation."


@hooks.register("construct_homepage_panels")
def staff_panels(request, panels):
    panels.append(MyDraftsPanel(request))
    panels.append(ChangedSinceTranslatedPanel(request))
    panels.append(UnfinishedTranslationsPanel(request))


@hooks.register("register_log_actions")
def login_log_actions(actions):
    actions.register_action("home.login", _("Log in"), _("Logged in"))
    actions.register_action("home.logout", _("Log out"), _("Logged out"))
    actions.register_action("home.login_failed", _("Failed login"), _("Wrong password given"))
    actions.register_action(
        twofactor.RESET_ACTION, _("Reset two-step login"), _("Two-step login reset")
    )


@hooks.register("register_admin_urls")
def translation_urls():
    return [
        path(
            "translations/<int:translation_id>/submit/",
            submit_for_moderation,
            name="translation_submit",
        )
    ]


# Ahead of wagtail-localize's URLs, so its address for converting a page to an alias reaches the
# permission check first.
@hooks.register("register_admin_urls", order=-1)
def convert_to_alias_url():
    return [path("localize/page/<int:page_id>/convert_to_alias/", convert_to_alias)]


# Ahead of wagtail-localize's URLs too: its sync offers "Publish immediately" to everyone.
@hooks.register("register_admin_urls", order=-1)
def sync_translations_url():
    return [path("localize/update/<int:translation_source_id>/", SyncView.as_view())]


hooks.register("construct_page_action_menu", hide_convert_to_alias)

# Before wagtail-localize's own hook, which would open the translation editor.
hooks.register("before_edit_snippet", refuse_sources_to_translators, order=-1)


@hooks.register("insert_global_admin_css")
def admin_css():
    return format_html('<link rel="stylesheet" href="{}">', static("css/admin.css"))


# After Wagtail's own (order 0), so that it replaces the viewset Wagtail registers for Page.
@hooks.register("register_admin_viewset", order=1)
def register_pages_viewset():
    return PagesViewSet()
