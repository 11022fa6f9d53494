from continuum.loading import load_taxonomies, shipped_sources
from continuum.management.library_command import LibraryLoadCommand


class Command(LibraryLoadCommand):
    help = (
        "Loads taxonomy files (default: every file in fixtures/taxonomies/). Every file is "
        "checked before anything is written, then all are written in one transaction, matched "
        "on codes; loading the same files again changes nothing. A term that services or "
        "framework elements use cannot be removed."
    )
    kind = "taxonomy files"

    def loader(self, sources, *, dry_run):
        return load_taxonomies(sources, dry_run=dry_run)

    def shipped(self):
        return shipped_sources()
