"""schema.graphql is generated from the code; a stale copy fails here."""

from pathlib import Path

from melihub.graphql.schema import schema_sdl

SCHEMA_FILE = Path(__file__).resolve().parents[2] / "schema.graphql"


def test_schema_file_matches_the_code() -> None:
    assert SCHEMA_FILE.read_text() == schema_sdl(), "run: .venv/bin/melihub export-schema -o schema.graphql"


def test_export_check_detects_a_stale_file(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from melihub.cli import main

    stale = tmp_path / "schema.graphql"
    stale.write_text("type Query { old: Int }\n")
    assert CliRunner().invoke(main, ["export-schema", "--check", "-o", str(stale)]).exit_code == 1
    assert CliRunner().invoke(main, ["export-schema", "-o", str(stale)]).exit_code == 0
    assert CliRunner().invoke(main, ["export-schema", "--check", "-o", str(stale)]).exit_code == 0
