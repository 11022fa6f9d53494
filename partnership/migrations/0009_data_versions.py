"""Data versions: a counter per partnership, and one for what all partnerships share, that the
database itself moves on whenever a row a dashboard or report reads changes.

Triggers, not signals, so no path can forget: a bulk update, a fixture load, the admin and a
data migration all count. The cached dashboards and board reports are keyed on these counters
(partnership/versions.py), so nothing can be served from before a change.
"""

from django.db import migrations, models

# Rounds whose ratings the dashboards and reports show (assessments.models.SETTLED). A response
# or a change to one in a draft or open round moves no counter: the most frequent write of all,
# contributors saving ratings, then never waits on another's counter row.
SETTLED = "('closed', 'agreed', 'published')"
OF_ASSESSMENT = "(SELECT partnership_id FROM assessments_assessment WHERE id = {row}.assessment_id)"
# Every piece of SQL here is built from the constants in this file; nothing comes from outside.
OF_SETTLED_ASSESSMENT = (
    "(SELECT partnership_id FROM assessments_assessment"  # noqa: S608
    " WHERE id = {row}.assessment_id AND status IN " + SETTLED + ")"
)
OF_SERVICE = "(SELECT partnership_id FROM continuum_service WHERE id = {row}.service_id)"
OF_SURVEY = "(SELECT partnership_id FROM voice_survey WHERE id = {row}.survey_id)"
SHARED = "0"

# (table, the partnership whose counter a row moves, as SQL over the row `{row}`). The shared
# library (frameworks, taxonomies, gap rules, places, indicators' definitions) moves counter 0.
WATCHED = [
    ("partnership_partnership", "{row}.id"),
    ("partnership_partnership_areas", "{row}.partnership_id"),
    ("partnership_organisation", "{row}.partnership_id"),
    ("partnership_membership", "{row}.partnership_id"),
    ("partnership_area", SHARED),
    ("partnership_indicator", SHARED),
    # A figure for an area, not a partnership's own, is shared by every partnership there.
    ("partnership_indicatorvalue", f"COALESCE({{row}}.partnership_id, {SHARED})"),
    ("partnership_keyindicator", "{row}.partnership_id"),
    ("continuum_taxonomy", SHARED),
    ("continuum_term", SHARED),
    ("continuum_gapruleset", SHARED),
    ("continuum_gapadjustment", "{row}.partnership_id"),
    ("continuum_service", "{row}.partnership_id"),
    ("continuum_service_terms", OF_SERVICE),
    ("continuum_location", "{row}.partnership_id"),
    ("continuum_location_services", OF_SERVICE),
    ("continuum_referralroute", OF_SERVICE.replace("service_id", "from_service_id")),
    ("assessments_framework", SHARED),
    ("assessments_scale", SHARED),
    ("assessments_scalelevel", SHARED),
    ("assessments_dimension", SHARED),
    ("assessments_element", SHARED),
    ("assessments_element_terms", SHARED),
    ("assessments_descriptor", SHARED),
    ("assessments_assessment", "{row}.partnership_id"),
    ("assessments_outofscope", OF_ASSESSMENT),
    ("assessments_statuschange", OF_ASSESSMENT),
    ("assessments_response", OF_SETTLED_ASSESSMENT),
    ("assessments_change", OF_SETTLED_ASSESSMENT),
    ("assessments_agreedrating", OF_ASSESSMENT),
    ("assessments_barrier", OF_ASSESSMENT),
    ("assessments_action", OF_ASSESSMENT),
    ("assessments_dimensionsummary", OF_ASSESSMENT),
    ("voice_statementset", SHARED),
    ("voice_statement", SHARED),
    ("voice_survey", "{row}.partnership_id"),
    ("voice_surveyresponse", OF_SURVEY),
    (
        "voice_answer",
        OF_SURVEY.replace(
            "{row}.survey_id",
            "(SELECT survey_id FROM voice_surveyresponse WHERE id = {row}.response_id)",
        ),
    ),
    ("voice_comment", OF_SURVEY),
    ("voice_citation", OF_SURVEY),
    ("api_publication", "{row}.partnership_id"),
]
# People's names appear beside what they did (gap adjustments, actions' history): a change of
# name or email moves the shared counter; a sign-in, which writes last_login, moves none.
PEOPLE = "partnership_user"
NAMED = ["full_name", "email"]

BUMP = (
    "INSERT INTO partnership_dataversion (scope, version)"
    " SELECT scope, {next} FROM ({scopes}) AS changed WHERE scope IS NOT NULL"
    " ON CONFLICT (scope) DO UPDATE SET version = {moved}"
)
# On PostgreSQL a version is drawn from a sequence, which a rolled-back transaction never
# hands out again: a version, once seen, names one state of the data for good. SQLite has no
# sequences; its counters count up, and the embedded database has one writer at a time.
SEQUENCE = "cradle_data_version"
SQLITE_BUMP = BUMP.replace("{next}", "1").replace("{moved}", "partnership_dataversion.version + 1")
POSTGRESQL_BUMP = BUMP.replace("{next}", f"nextval('{SEQUENCE}')").replace(
    "{moved}", "EXCLUDED.version"
)


def scopes(expression: str, rows: list[str]) -> str:
    return " UNION ".join(f"SELECT {expression.format(row=row)} AS scope" for row in rows)


def sqlite_statements() -> list[str]:
    statements = []
    for table, expression in WATCHED:
        for event, rows in [("INSERT", ["NEW"]), ("UPDATE", ["NEW", "OLD"]), ("DELETE", ["OLD"])]:
            name = f"cradle_version_{table}_{event.lower()}"
            statements += [
                f"DROP TRIGGER IF EXISTS {name}",
                f"CREATE TRIGGER {name} AFTER {event} ON {table} FOR EACH ROW BEGIN "
                + SQLITE_BUMP.format(scopes=scopes(expression, rows))
                + "; END",
            ]
    changed = " OR ".join(f"OLD.{c} IS NOT NEW.{c}" for c in NAMED)
    statements += [
        "DROP TRIGGER IF EXISTS cradle_version_people",
        f"CREATE TRIGGER cradle_version_people AFTER UPDATE ON {PEOPLE} FOR EACH ROW "
        f"WHEN {changed} BEGIN " + SQLITE_BUMP.format(scopes=f"SELECT {SHARED} AS scope") + "; END",
    ]
    return statements


def postgresql_statements() -> list[str]:
    statements = [f"CREATE SEQUENCE IF NOT EXISTS {SEQUENCE}"]
    for table, expression in WATCHED:
        function = f"cradle_version_{table}"
        statements += [
            f"CREATE OR REPLACE FUNCTION {function}() RETURNS trigger LANGUAGE plpgsql AS $$ "
            "BEGIN "
            "IF TG_OP = 'INSERT' THEN "
            + POSTGRESQL_BUMP.format(scopes=scopes(expression, ["NEW"]))
            + "; "
            "ELSIF TG_OP = 'DELETE' THEN "
            + POSTGRESQL_BUMP.format(scopes=scopes(expression, ["OLD"]))
            + "; "
            "ELSE " + POSTGRESQL_BUMP.format(scopes=scopes(expression, ["NEW", "OLD"])) + "; "
            "END IF; RETURN NULL; END $$",
            f"DROP TRIGGER IF EXISTS {function} ON {table}",
            f"CREATE TRIGGER {function} AFTER INSERT OR UPDATE OR DELETE ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION {function}()",
        ]
    changed = " OR ".join(f"OLD.{c} IS DISTINCT FROM NEW.{c}" for c in NAMED)
    statements += [
        "CREATE OR REPLACE FUNCTION cradle_version_people() RETURNS trigger LANGUAGE plpgsql "
        "AS $$ BEGIN "
        + POSTGRESQL_BUMP.format(scopes=f"SELECT {SHARED} AS scope")
        + "; RETURN NULL; END $$",
        f"DROP TRIGGER IF EXISTS cradle_version_people ON {PEOPLE}",
        f"CREATE TRIGGER cradle_version_people AFTER UPDATE ON {PEOPLE} FOR EACH ROW "
        f"WHEN ({changed}) EXECUTE FUNCTION cradle_version_people()",
    ]
    return statements


def install(apps, schema_editor) -> None:
    vendor = schema_editor.connection.vendor
    if vendor not in ("sqlite", "postgresql"):
        raise NotImplementedError(
            f"Data version triggers are written for SQLite and PostgreSQL, not {vendor}"
        )
    for statement in sqlite_statements() if vendor == "sqlite" else postgresql_statements():
        schema_editor.execute(statement)


def remove(apps, schema_editor) -> None:
    vendor = schema_editor.connection.vendor
    for table, _ in WATCHED:
        if vendor == "sqlite":
            for event in ("insert", "update", "delete"):
                schema_editor.execute(f"DROP TRIGGER IF EXISTS cradle_version_{table}_{event}")
        else:
            schema_editor.execute(f"DROP FUNCTION IF EXISTS cradle_version_{table}() CASCADE")
    if vendor == "sqlite":
        schema_editor.execute("DROP TRIGGER IF EXISTS cradle_version_people")
    else:
        schema_editor.execute("DROP FUNCTION IF EXISTS cradle_version_people() CASCADE")
        schema_editor.execute(f"DROP SEQUENCE IF EXISTS {SEQUENCE}")


class Migration(migrations.Migration):
    dependencies = [
        ("partnership", "0008_area_welsh_names"),
        ("assessments", "0007_welsh_text"),
        ("continuum", "0007_service_status_label"),
        ("voice", "0002_welsh_text"),
        ("api", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="DataVersion",
            fields=[
                (
                    "scope",
                    models.PositiveIntegerField(
                        primary_key=True,
                        serialize=False,
                        help_text="A partnership's id, or 0 for what all partnerships share.",
                    ),
                ),
                ("version", models.BigIntegerField(default=0)),
            ],
        ),
        migrations.RunPython(install, remove, elidable=False),
    ]
