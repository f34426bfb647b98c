"""The opportunities and their filters, an opportunity and its sign-up, the associations'
request for volunteers."""

from django.template.response import TemplateResponse

from applications.submissions import store_submission
from applications.views import rate_limited
from home import ratelimit
from home.pagination import paginate
from programmes.models import Region, localized, site_today, source_language_only

from ..filters import OpportunityFilters
from ..models.skills import Skill
from ..signups import SignUpRefused, store_sign_up


def choices(model, locale_id):
    """Skills or regions in the page's language, or the source language until translated."""
    return list(model.objects.filter(locale_id=locale_id)) or list(
        model.objects.filter(source_language_only())
    )


def show(opportunities, locale_id):
    """Each opportunity's association, region and skills in the page's language: a fixed number
    of queries whatever the number of opportunities."""
    opportunities = list(opportunities)
    partners = localized([o.partner for o in opportunities if o.partner_id], locale_id)
    regions = localized([o.region for o in opportunities if o.region_id], locale_id)
    skills = localized({s.pk: s for o in opportunities for s in o.skills.all()}.values(), locale_id)
    partner_by = {p.translation_key: p for p in partners}
    region_by = {r.translation_key: r for r in regions}
    skill_by = {s.translation_key: s for s in skills}
    for opportunity in opportunities:
        if opportunity.partner_id:
            opportunity.shown_partner = partner_by[opportunity.partner.translation_key]
        opportunity.shown_region = (
            region_by[opportunity.region.translation_key] if opportunity.region_id else None
        )
        opportunity.localized_skills = [
            skill_by[s.translation_key] for s in opportunity.skills.all()
        ]
    return opportunities


def listing(index, request):
    today = site_today()
    filters = OpportunityFilters(
        request.GET,
        index.opportunities(),
        skills=choices(Skill, index.locale_id),
        regions=choices(Region, index.locale_id),
        today=today,
    )
    opportunities = filters.qs.select_related("partner", "region").prefetch_related("skills")
    page_obj = paginate(request, opportunities)
    return index.render(
        request,
        context_overrides={
            "filters": filters,
            "page_obj": page_obj,
            "opportunities": show(page_obj.object_list, index.locale_id),
            "today": today,
            "help_request_page": index.help_request_page(),
            "certificate_url": index.route_url("certificate"),
            "verify_url": index.route_url("verify"),
        },
    )


def serve_opportunity(opportunity, request):
    """The opportunity, its sign-up form (or why there is none), its errors or confirmation."""
    context = opportunity.get_context(request)
    ended = opportunity.is_past()
    context.update(
        ended=ended,
        index=opportunity.get_parent().specific,
    )
    status = 200
    form = None
    if ended:
        status = 403 if request.method == "POST" else 200
    elif request.method == "POST":
        if not ratelimit.allow(request, "submit"):
            return rate_limited(request)
        form = opportunity.get_form(request.POST, page=opportunity, user=request.user)
        if form.is_spam:
            # Said to have worked, so that the robot learns nothing; nothing is stored.
            return opportunity.render_landing_page(request, None, context=context)
        if form.is_valid():
            try:
                submission, _created = store_sign_up(opportunity, form)
            except SignUpRefused as refusal:
                form.add_error(None, refusal.message)
                status = 409
            else:
                return opportunity.render_landing_page(request, submission, context=context)
    elif opportunity.places_left:
        form = opportunity.get_form(page=opportunity, user=request.user)
    context["form"] = form
    return TemplateResponse(request, opportunity.get_template(request), context, status=status)


def serve_help_request(page, request):
    context = page.get_context(request)
    if request.method == "POST":
        if not ratelimit.allow(request, "submit"):
            return rate_limited(request)
        form = page.get_form(request.POST, page=page, user=request.user)
        if form.is_spam:
            return page.render_landing_page(request, None, context=context)
        if form.is_valid():
            submission, _created = store_submission(page, form)
            return page.render_landing_page(request, submission, context=context)
    else:
        form = page.get_form(page=page, user=request.user)
    context["form"] = form
    return TemplateResponse(request, page.get_template(request), context)
