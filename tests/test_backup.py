"""Backups (config/backup.py, bin/backup, bin/restore) by round trip, as an operator runs them: a backup of
the test database and its stored files, restored into a new empty database and an empty folder, holds
the same rows and the same bytes; a database that has tables is not overwritten; a damaged archive is
refused. On SQLite and on PostgreSQL (the second CI run)."""

import os
import sqlite3
import subprocess
import tarfile
import uuid
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection

from accounts.models import Role

from . import worker
from .conftest import make_user

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.django_db(transaction=True)


def run(script, *args, database_url, media):
    env = {**os.environ, "DATABASE_URL": database_url, "TREMPLIN_MEDIA_ROOT": str(media)}
    return subprocess.run([str(ROOT / "bin" / script), *map(str, args)], env=env, capture_output=True, text=True)


@pytest.fixture
def empty_database(tmp_path):
    """A new, empty database of the same kind as the test one, and how to read it."""
    if connection.vendor == "sqlite":
        path = tmp_path / "restored.sqlite3"
        yield f"sqlite:///{path}", lambda sql: sqlite3.connect(path).execute(sql).fetchall()
        return
    import psycopg

    name = f"restore_{uuid.uuid4().hex[:8]}"
    s = connection.settings_dict
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{name}"')
    url = f"postgres://{s['USER']}:{s['PASSWORD']}@{s['HOST']}:{s['PORT']}/{name}"

    def query(sql):
        with psycopg.connect(url.replace("postgres://", "postgresql://")) as other:
            return other.execute(sql).fetchall()

    yield url, query
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_a_backup_restored_into_an_empty_installation_holds_the_same_rows_and_files(tmp_path, settings, empty_database):
    make_user("zephyrine", Role.TRAINEE, first_name="Zéphyrine")
    images = {"lecons/2026/12/carte.png": b"\x89PNG fake", "observations/7/notes de séance.txt": "vu ✓".encode()}
    for name, data in images.items():
        assert default_storage.save(name, ContentFile(data)) == name
    done = run(
        "backup",
        "--output",
        tmp_path / "sauvegardes",
        database_url=worker.test_database_url(),
        media=settings.MEDIA_ROOT,
    )
    assert done.returncode == 0, done.stderr
    archive = next((tmp_path / "sauvegardes").glob("tremplin-backup-*.tar"))
    assert f"Backup written: {archive}" in done.stdout
    with tarfile.open(archive) as tar:
        names = set(tar.getnames())
    assert {f"files/{name}" for name in images} | {"manifest.json"} <= names
    assert ("database/tremplin.sqlite3" if connection.vendor == "sqlite" else "database/tremplin.dump") in names

    url, query = empty_database
    media = tmp_path / "media-restauree"
    done = run("restore", archive, database_url=url, media=media)
    assert done.returncode == 0, done.stderr
    assert "Next: python manage.py migrate" in done.stdout
    assert query("SELECT first_name FROM accounts_user WHERE username = 'zephyrine'") == [("Zéphyrine",)]
    applied = query("SELECT count(*) FROM django_migrations")[0][0]
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM django_migrations")
        assert applied == cursor.fetchone()[0]
    for name, data in images.items():
        assert (media / name).read_bytes() == data

    # Again into the same database: it has tables now, nothing is overwritten.
    again = run("restore", archive, database_url=url, media=media)
    assert again.returncode == 2 and "already has" in again.stderr and "tables" in again.stderr


def test_a_damaged_archive_is_refused_before_anything_is_written(tmp_path, settings, empty_database):
    default_storage.save("observations/1/a.txt", ContentFile(b"original"))
    done = run("backup", "--output", tmp_path, database_url=worker.test_database_url(), media=settings.MEDIA_ROOT)
    archive = next(tmp_path.glob("tremplin-backup-*.tar"))
    damaged = tmp_path / "damaged.tar"
    with tarfile.open(archive) as source, tarfile.open(damaged, "w") as target:
        for member in source.getmembers():
            data = source.extractfile(member).read()
            if member.name == "files/observations/1/a.txt":
                data = b"changed!"
                member.size = len(data)
            target.addfile(member, __import__("io").BytesIO(data))
    url, query = empty_database
    media = tmp_path / "media-cible"  # not tmp_path / "media": the test's own MEDIA_ROOT
    done = run("restore", damaged, database_url=url, media=media)
    assert done.returncode == 2 and "does not match its manifest" in done.stderr
    assert not [p for p in media.rglob("*") if p.is_file()]  # no file written
    tables = (
        query("SELECT name FROM sqlite_master WHERE type = 'table'")
        if connection.vendor == "sqlite"
        else query("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
    )
    assert tables == []
