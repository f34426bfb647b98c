"""What the programmes add to the site's search: the track facet."""

from django.db.models import Q

from .models import ProgrammePage


def tracks(pages):
    """(page id, track) for the programmes among `pages` and the pages under them."""
    programmes = list(
        ProgrammePage.objects.live()
        .filter(pk__in=pages.values("pk"))
        .exclude(track="")
        .values_list("path", "track")
    )
    if not programmes:
        return []
    under = Q()
    for path, _track in programmes:
        under |= Q(path__startswith=path)
    return [
        (pk, next(track for prefix, track in programmes if path.startswith(prefix)))
        for pk, path in pages.filter(under).values_list("pk", "path")
    ]
