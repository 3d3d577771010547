"""Run a learner's SQL query (and the reference one) against a fresh SQLite database.

Inside the sandbox. Only reading is allowed: an authorizer denies every write, ATTACH,
PRAGMA and extension loading. Results go to the report descriptor as JSON.
"""

import argparse
import json
import os
import sqlite3
from pathlib import Path

ALLOWED = {sqlite3.SQLITE_SELECT, sqlite3.SQLITE_READ, sqlite3.SQLITE_FUNCTION}
RECURSIVE = getattr(sqlite3, "SQLITE_RECURSIVE", 33)
MAX_ROWS = 5000


def authorizer(action, *args):
    return sqlite3.SQLITE_OK if action in ALLOWED or action == RECURSIVE else sqlite3.SQLITE_DENY


def run_query(connection, text):
    connection.set_authorizer(authorizer)
    try:
        cursor = connection.execute(text)
        columns = [d[0] for d in cursor.description or []]
        rows = cursor.fetchmany(MAX_ROWS + 1)
    finally:
        connection.set_authorizer(None)
    return {"columns": columns, "rows": [list(r) for r in rows[:MAX_ROWS]], "truncated": len(rows) > MAX_ROWS}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--report-fd", type=int, required=True)
    parser.add_argument("--nonce-fd", type=int, required=True)
    parser.add_argument("--schema", required=True)
    parser.add_argument("--query", required=True)
    parser.add_argument("--reference")
    args = parser.parse_args()
    nonce = os.read(args.nonce_fd, 128).decode()
    os.close(args.nonce_fd)
    out = os.fdopen(args.report_fd, "w", encoding="utf-8")

    def emit(**record):
        record["nonce"] = nonce
        out.write(json.dumps(record, ensure_ascii=False, default=str) + "\n")
        out.flush()

    schema = Path(args.schema).read_text(encoding="utf-8")
    try:
        query = Path(args.query).read_text(encoding="utf-8")
    except UnicodeDecodeError:
        emit(event="learner", error="encoding", message="not UTF-8")
        emit(event="end")
        return
    for role, text in (
        ("reference", Path(args.reference).read_text(encoding="utf-8") if args.reference else None),
        ("learner", query),
    ):
        if text is None:
            continue
        connection = sqlite3.connect(":memory:")
        connection.executescript(schema)
        if not sqlite3.complete_statement(text) and text.strip():
            text = text.rstrip() + ";"
        statements = [s for s in _split(text) if s.strip()]
        if len(statements) != 1:
            emit(event=role, error="count", message=str(len(statements)))
            continue
        try:
            emit(event=role, **run_query(connection, statements[0]))
        except sqlite3.DatabaseError as exc:
            kind = "refused" if "not authorized" in str(exc) else "count" if "one statement" in str(exc) else "sql"
            emit(event=role, error=kind, message=str(exc))
        except sqlite3.Warning as exc:
            emit(event=role, error="count", message=str(exc))
        finally:
            connection.close()
    emit(event="end")


def _split(text):
    """Split SQL text into complete statements (sqlite3.complete_statement knows strings and comments)."""
    statements, current = [], ""
    for line in text.splitlines(keepends=True):
        current += line
        if sqlite3.complete_statement(current):
            statements.append(current)
            current = ""
    if current.strip() and not _only_comments(current):
        statements.append(current)
    return [s for s in statements if not _only_comments(s)]


def _only_comments(text):
    lines = [line.strip() for line in text.strip().splitlines()]
    return all(not line or line.startswith("--") for line in lines) and "/*" not in text


if __name__ == "__main__":
    main()
