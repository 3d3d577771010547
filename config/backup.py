"""Consistent backups of a Tremplin installation, and their restore: the database and every stored file
in one tar archive, with a manifest (what, when, each file's SHA-256).

    bin/backup [--output DIR]            # DIR/tremplin-backup-YYYYMMDD-HHMMSS.tar (default var/backups)
    bin/restore ARCHIVE                  # into the configured database, which must be empty, and storage

The database is copied first, as one consistent snapshot (SQLite's online backup; PostgreSQL's pg_dump,
one transaction), then the stored files, through Django's storage API (the local folder or an object
store alike). A file is always written before the row that names it, so every row of the snapshot finds
its file in the archive; a file deleted between the two is left out and said in the manifest. Restore
refuses a database that already has tables (no silent overwrite), checks every file against the
manifest, and writes the files back under their names. After a restore: `manage.py migrate` (a backup
of an older release), then start the services (docs/deployment.md, « Backups »)."""

import argparse
import hashlib
import io
import json
import os
import posixpath
import shutil
import sqlite3
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

FORMAT = 1


class BackupError(Exception):
    """Why a backup or a restore cannot be done (a sentence for the operator)."""


def _setup():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()


def _stored_names(storage, folder=""):
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:
        return
    for name in sorted(files):
        yield posixpath.join(folder, name) if folder else name
    for sub in sorted(folders):
        yield from _stored_names(storage, posixpath.join(folder, sub) if folder else sub)


def _pg_env(settings_dict):
    env = {**os.environ, "PGPASSWORD": str(settings_dict.get("PASSWORD") or "")}
    args = ["-h", str(settings_dict.get("HOST") or "localhost"), "-p", str(settings_dict.get("PORT") or 5432)]
    args += ["-U", str(settings_dict.get("USER") or "postgres")]
    return env, args


def _add(tar, name, data):
    info = tarfile.TarInfo(name)
    info.size, info.mode = len(data), 0o600
    tar.addfile(info, io.BytesIO(data))


def create(output):
    """Write a backup archive into the folder `output`; returns its path."""
    from django.core.files.storage import default_storage
    from django.db import connection
    from django.db.migrations.recorder import MigrationRecorder
    from django.utils import timezone

    output = Path(output)
    output.mkdir(parents=True, exist_ok=True)
    now = timezone.now()
    final = output / f"tremplin-backup-{timezone.localtime(now):%Y%m%d-%H%M%S}.tar"
    partial = output / f".{final.name}.partial"
    settings_dict, vendor = connection.settings_dict, connection.vendor
    manifest = {
        "format": FORMAT,
        "created_at": now.isoformat(),
        "database": vendor,
        "migrations": sorted(f"{app}.{name}" for app, name in MigrationRecorder(connection).applied_migrations()),
        "files": {},
        "missing": [],
    }
    with tempfile.TemporaryDirectory(prefix="tremplin-backup-") as work, tarfile.open(partial, "w") as tar:
        if vendor == "sqlite":
            copy = Path(work) / "tremplin.sqlite3"
            source, target = sqlite3.connect(settings_dict["NAME"]), sqlite3.connect(copy)
            with target:
                source.backup(target)  # one consistent copy, while the platform keeps running
            source.close()
            target.close()
            tar.add(copy, "database/tremplin.sqlite3")
        elif vendor == "postgresql":
            dump = Path(work) / "tremplin.dump"
            env, args = _pg_env(settings_dict)
            command = ["pg_dump", *args, "--format=custom", "--no-owner", "--no-privileges", "--file", str(dump)]
            done = subprocess.run([*command, settings_dict["NAME"]], env=env, capture_output=True, text=True)
            if done.returncode:
                raise BackupError(f"pg_dump failed: {done.stderr.strip()}")
            tar.add(dump, "database/tremplin.dump")
        else:
            raise BackupError(f"no backup for a {vendor} database")
        manifest["database_sha256"] = _sha256_path(
            Path(work) / ("tremplin.sqlite3" if vendor == "sqlite" else "tremplin.dump")
        )
        for name in _stored_names(default_storage):
            try:
                with default_storage.open(name, "rb") as handle:
                    data = handle.read()
            except FileNotFoundError:  # deleted since the listing (its row went with it)
                manifest["missing"].append(name)
                continue
            _add(tar, f"files/{name}", data)
            manifest["files"][name] = hashlib.sha256(data).hexdigest()
        _add(tar, "manifest.json", json.dumps(manifest, indent=2, ensure_ascii=False).encode())
    partial.replace(final)  # whole or absent: never half an archive under the final name
    return final


def _extract(archive, into):
    with tarfile.open(archive) as tar:
        for member in tar.getmembers():
            if not member.isfile() or member.name.startswith("/") or ".." in Path(member.name).parts:
                raise BackupError(f"{archive}: unexpected entry {member.name!r}")
        tar.extractall(into, filter="data")
    manifest_path = Path(into) / "manifest.json"
    if not manifest_path.is_file():
        raise BackupError(f"{archive} is not a Tremplin backup (no manifest.json)")
    manifest = json.loads(manifest_path.read_text())
    if manifest.get("format") != FORMAT:
        raise BackupError(f"{archive}: backup format {manifest.get('format')} unknown to this release")
    return manifest


def _sha256_path(path):
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def restore(archive):
    """Restore an archive into the configured database (empty) and storage; returns (rows' tables, files)."""
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage
    from django.db import connection, connections

    with tempfile.TemporaryDirectory(prefix="tremplin-restore-") as work:
        manifest = _extract(archive, work)
        vendor = connection.vendor
        if manifest["database"] != vendor:
            raise BackupError(f"this backup holds a {manifest['database']} database; the configured one is {vendor}")
        database = Path(work) / "database" / ("tremplin.sqlite3" if vendor == "sqlite" else "tremplin.dump")
        if _sha256_path(database) != manifest["database_sha256"]:
            raise BackupError(f"{archive}: the database copy does not match its manifest (damaged archive)")
        for name, digest in manifest["files"].items():
            if _sha256_path(Path(work) / "files" / name) != digest:
                raise BackupError(f"{archive}: {name} does not match its manifest (damaged archive)")
        tables = connection.introspection.table_names()
        if tables:
            raise BackupError(
                f"the configured database already has {len(tables)} tables: restore into an empty database "
                "(a new one, or drop and create it again), so that nothing is mixed or lost"
            )
        settings_dict = connection.settings_dict
        connections.close_all()
        if vendor == "sqlite":
            target = Path(settings_dict["NAME"])
            for suffix in ("-wal", "-shm"):
                Path(f"{target}{suffix}").unlink(missing_ok=True)
            shutil.copyfile(database, target)
        else:
            env, args = _pg_env(settings_dict)
            command = ["pg_restore", *args, "--no-owner", "--no-privileges", "--exit-on-error"]
            done = subprocess.run(
                [*command, "--dbname", settings_dict["NAME"], str(database)], env=env, capture_output=True, text=True
            )
            if done.returncode:
                raise BackupError(f"pg_restore failed: {done.stderr.strip()}")
        for name in manifest["files"]:
            if default_storage.exists(name):
                default_storage.delete(name)
            saved = default_storage.save(name, ContentFile((Path(work) / "files" / name).read_bytes()))
            if saved != name:
                raise BackupError(f"{name} was stored as {saved}")
        return manifest


def main(argv=None):
    parser = argparse.ArgumentParser(prog="bin/backup", description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="action", required=True)
    make = sub.add_parser("create", help="write a backup archive")
    make.add_argument("--output", default=None, help="folder of the archive (default: TREMPLIN_VAR_DIR/backups)")
    back = sub.add_parser("restore", help="restore an archive into the configured, empty, database and storage")
    back.add_argument("archive")
    options = parser.parse_args(argv)
    _setup()
    from django.conf import settings

    try:
        if options.action == "create":
            path = create(options.output or Path(settings.VAR_DIR) / "backups")
            print(f"Backup written: {path} ({path.stat().st_size:,} bytes)")
        else:
            manifest = restore(options.archive)
            print(
                f"Restored the {manifest['database']} database of {manifest['created_at']} and "
                f"{len(manifest['files'])} stored files. Next: python manage.py migrate, then start the services."
            )
    except BackupError as error:
        print(f"Error: {error}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
