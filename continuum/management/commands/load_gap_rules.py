from continuum.gap_rules_loading import load_gap_rules, shipped_gap_rules
from continuum.management.library_command import LibraryLoadCommand


class Command(LibraryLoadCommand):
    help = (
        "Loads the gap rules file (default: the one file in fixtures/gap-rules/): which cells "
        "of the coverage matrix are expected and below how many services a cell is thin. The "
        "file is checked completely (schema, a source and confidence, every taxonomy and term "
        "code against the loaded taxonomies) before anything is written; it replaces the "
        "rules in force. Load the taxonomies first. Partnerships' local adjustments are kept."
    )
    kind = "gap rules files"

    def loader(self, sources, *, dry_run):
        return load_gap_rules(sources, dry_run=dry_run)

    def shipped(self):
        return shipped_gap_rules()
