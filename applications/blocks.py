from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from applications.drafts import offers_drafts
from applications.models import privacy_page
from applications.registrations import registration_context


class EmbeddedFormBlock(blocks.StructBlock):
    """A form page's form shown inside another page (an event's registration, a contact form),
    posting to the form page, which shows the errors or the confirmation."""

    form_page = blocks.PageChooserBlock(
        label=_("Form"), page_type="applications.ApplicationFormPage"
    )
    heading = blocks.CharBlock(label=_("Heading"), required=False, max_length=120)

    class Meta:
        icon = "form"
        label = _("Form")
        template = "applications/blocks/embedded_form.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        request = (parent_context or {}).get("request")
        form_page = value.get("form_page")
        if form_page is not None:
            form_page = form_page.localized.specific
            if not form_page.live:
                form_page = None
        if form_page is not None:
            status, programme = form_page.availability()
            context.update(
                form_page=form_page,
                availability=status,
                programme=programme,
                form=form_page.get_form(page=form_page, user=getattr(request, "user", None)),
                action=form_page.url,
                offers_drafts=offers_drafts(form_page),
                **registration_context(form_page),
            )
            if request is not None:
                context["privacy_page"] = privacy_page(request, form_page.locale_id)
        return context
