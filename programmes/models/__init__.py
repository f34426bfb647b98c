"""Programmes' models, by concept: snippets.py (regions, target groups, partners, criteria),
programme.py (the programme page, whose blocks are in programmes/blocks.py) and listing.py (the
programmes' and partners' listings)."""

from ..blocks import JoiningStep, Question
from .listing import (
    PartnerIndexPage,
    ProgrammeIndexPage,
    programmes_coming_in,
    programmes_open_in,
    status_label,
)
from .programme import (
    WAY_TO_APPLY_ERRORS,
    ProgrammePage,
    ProgrammePageForm,
    reindex_programmes_using,
)
from .snippets import (
    LIST_FEATURES,
    EligibilityCriterion,
    NamedSnippet,
    Partner,
    Region,
    TargetGroup,
    localized,
    site_today,
    source_language_only,
)

__all__ = [
    "LIST_FEATURES",
    "WAY_TO_APPLY_ERRORS",
    "EligibilityCriterion",
    "JoiningStep",
    "NamedSnippet",
    "Partner",
    "PartnerIndexPage",
    "ProgrammeIndexPage",
    "ProgrammePage",
    "ProgrammePageForm",
    "Question",
    "Region",
    "TargetGroup",
    "localized",
    "programmes_coming_in",
    "programmes_open_in",
    "reindex_programmes_using",
    "site_today",
    "source_language_only",
    "status_label",
]
