from assessments.loading import load_frameworks, shipped_sources
from continuum.management.library_command import LibraryLoadCommand


class Command(LibraryLoadCommand):
    help = (
        "Loads framework files, one per framework version (default: every file in "
        "fixtures/frameworks/). Every file is checked completely (schema, field rules, a "
        "descriptor for every element and level, unique codes, known taxonomy terms) before "
        "anything is written, then all are written in one transaction, matched on framework "
        "code and version and on element codes. Loading the same files again changes nothing. "
        "Removing an element or level from a version that assessments use is refused."
    )
    kind = "framework files"

    def loader(self, sources, *, dry_run):
        return load_frameworks(sources, dry_run=dry_run)

    def shipped(self):
        return shipped_sources()
