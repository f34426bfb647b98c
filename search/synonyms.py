"""The synonyms editors keep (SynonymGroup), analysed like queries, in each language."""

from home.caching import remember
from search.analysis import terms
from search.models import SynonymGroup


def synonym_groups(language):
    """Each group as a list of analysed term sequences, kept until the content changes."""

    def analysed():
        groups = []
        for group in SynonymGroup.objects.all():
            entries = [tuple(terms(entry, language)) for entry in group.entries()]
            entries = list(dict.fromkeys(entry for entry in entries if entry))
            if len(entries) > 1:
                groups.append(entries)
        return groups

    return remember(f"search-synonyms:{language}", analysed)
