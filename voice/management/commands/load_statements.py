from continuum.management.library_command import LibraryLoadCommand
from voice.loading import load_statements, shipped_statements


class Command(LibraryLoadCommand):
    help = (
        "Loads the statements families answer, one file per version (default: every file in "
        "fixtures/statements/). Every file is checked completely (schema, unique codes, known "
        "framework elements and NEST themes) before anything is written, then all are written "
        "in one transaction, matched on code and version and on statement codes. Load the "
        "taxonomies and frameworks first. Loading the same files again changes nothing."
    )
    kind = "statement files"

    def loader(self, sources, *, dry_run):
        return load_statements(sources, dry_run=dry_run)

    def shipped(self):
        return shipped_statements()
