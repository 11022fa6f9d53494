"""Gap sentences for every pair of axes, on plain names: no database, no request."""

import itertools

import pytest

from continuum.gap_wording import gap_sentence, lowered, with_adjustment
from continuum.taxonomies import TAXONOMIES

# One term name per taxonomy, as the shipped taxonomy files name them.
NAMES = {
    "continuum-level": "Prevention",
    "thrive": "Getting More Help",
    "nest": "Safe",
    "age-band": "0 to 12 months",
    "audience": "Father or partner",
    "reach": "Universal",
    "programme": "Flying Start",
    "risk-factor": "Prematurity and neonatal care",
    "protective-factor": "Responsive care",
}
PAIRS = list(itertools.permutations([code for code, _, _ in TAXONOMIES], 2))


def test_every_taxonomy_has_a_name_to_try():
    assert set(NAMES) == {code for code, _, _ in TAXONOMIES}


@pytest.mark.parametrize(("rows", "cols"), PAIRS)
def test_a_gap_reads_as_one_plain_sentence_whichever_way_round(rows, cols):
    sentence = gap_sentence("gap", 0, 1, (rows, cols), (NAMES[rows], NAMES[cols]))
    swapped = gap_sentence("gap", 0, 1, (cols, rows), (NAMES[cols], NAMES[rows]))
    assert sentence == swapped
    assert sentence.startswith("No ") and " service" in sentence
    assert "  " not in sentence and " at " not in sentence and "×" not in sentence
    for taxonomy in (rows, cols):
        name = NAMES[taxonomy]
        assert name in sentence or lowered(name) in sentence


@pytest.mark.parametrize(("rows", "cols"), PAIRS)
def test_a_thin_cell_says_how_many_and_how_many_are_expected(rows, cols):
    one = gap_sentence("thin", 1, 3, (rows, cols), (NAMES[rows], NAMES[cols]))
    two = gap_sentence("thin", 2, 3, (rows, cols), (NAMES[rows], NAMES[cols]))
    assert one.startswith("Only one ") and " services" not in one
    assert two.startswith("Only 2 ") and " services" in two
    assert one.endswith("; 3 or more expected") and two.endswith("; 3 or more expected")


@pytest.mark.parametrize(
    ("axes", "names", "expected"),
    [
        (
            ("risk-factor", "continuum-level"),
            ("Prematurity and neonatal care", "Prevention"),
            "No prevention service addresses prematurity and neonatal care",
        ),
        (
            ("continuum-level", "thrive"),
            ("Treatment or therapeutic support", "Getting More Help"),
            "No treatment or therapeutic support service for families getting more help",
        ),
        (
            ("continuum-level", "thrive"),
            ("Promotion", "Thriving"),
            "No promotion service for thriving families",
        ),
        (
            ("continuum-level", "reach"),
            ("Early intervention", "Universal"),
            "No universal early intervention service",
        ),
        (
            ("continuum-level", "age-band"),
            ("Prevention", "Pregnancy"),
            "No prevention service covering pregnancy",
        ),
        (
            ("continuum-level", "audience"),
            ("Treatment or therapeutic support", "Father or partner"),
            "No treatment or therapeutic support service for the father or partner",
        ),
        (
            ("continuum-level", "nest"),
            ("Promotion", "Trusted"),
            "No promotion service with the NEST theme Trusted",
        ),
        (
            ("nest", "age-band"),
            ("Safe", "2 to 5 years"),
            "No service covering 2 to 5 years with the NEST theme Safe",
        ),
        (
            ("programme", "protective-factor"),
            ("Flying Start", "Responsive care"),
            "No service delivered through Flying Start builds responsive care",
        ),
    ],
)
def test_gap_sentences_read_as_a_practitioner_would_say_them(axes, names, expected):
    assert gap_sentence("gap", 0, 1, axes, names) == expected


def test_thin_sentences_agree_in_number():
    axes = ("risk-factor", "continuum-level")
    names = ("Domestic abuse", "Prevention")
    assert gap_sentence("thin", 1, 3, axes, names) == (
        "Only one prevention service addresses domestic abuse; 3 or more expected"
    )
    assert gap_sentence("thin", 2, 3, axes, names) == (
        "Only 2 prevention services address domestic abuse; 3 or more expected"
    )


def test_a_local_adjustment_is_named_with_its_reason():
    assert with_adjustment("No promotion service for thriving families", "") == (
        "No promotion service for thriving families"
    )
    assert with_adjustment("No x", "Regional unit") == "No x (local adjustment: Regional unit)"


def test_acronyms_keep_their_capitals():
    assert lowered("CAMHS under-fives offer") == "CAMHS under-fives offer"
    assert lowered("Getting Advice and Signposting") == "getting advice and signposting"
