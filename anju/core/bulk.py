"""Bulk upsert by a natural key: the shared core of every `anju import …` (one query to read, two to write), and the
planner's statistics of the tables an import filled, refreshed at its end."""
import json

from django.db import connections, models, router, transaction
from psycopg.types.json import Json, Jsonb


def insert_many(model, records: list, *, batch_size: int = 2000) -> None:
    """INSERTs unsaved ``records`` with one prepared statement run over their rows (``executemany``). Django's
    bulk_create composes a statement per few dozen rows on SQLite (its 999-parameter limit: 38 rows of a
    registration) and prepares every value through the SQL compiler: the registrations import spent two thirds of
    its time there. Values are prepared as ``save()`` prepares them (``pre_save``, then ``get_db_prep_save``); the
    records get no primary key back and no signal is sent, as with bulk_create on SQLite."""
    if not records:
        return
    meta = model._meta
    fields = [f for f in meta.concrete_fields if f is not meta.auto_field]
    connection = connections[router.db_for_write(model)]
    quote = connection.ops.quote_name
    sql = (f"INSERT INTO {quote(meta.db_table)} ({', '.join(quote(f.column) for f in fields)}) "
           f"VALUES ({', '.join(['%s'] * len(fields))})")
    # A text or key column's value that is already text, a whole number or nothing goes in as it is: preparing it
    # would return it unchanged, through four calls (half the time of a wide model's rows)
    plain = [(f, f.attname, _PLAIN.get(type(f))) for f in fields]

    def prepared(record):
        values = []
        for f, attname, kinds in plain:
            value = getattr(record, attname) if kinds else None
            if kinds is None or value.__class__ not in kinds:
                value = f.get_db_prep_save(f.pre_save(record, True), connection)
            values.append(value)
        return values

    with connection.cursor() as cursor:
        for start in range(0, len(records), batch_size):
            cursor.executemany(sql, [prepared(record) for record in records[start:start + batch_size]])


# The field classes whose preparation for the database returns a value of these classes unchanged (no auto_now, no
# conversion): exactly these classes, not their subclasses, which may prepare otherwise
_PLAIN = {models.CharField: (str, type(None)), models.TextField: (str, type(None)),
          models.ForeignKey: (int, type(None)), models.OneToOneField: (int, type(None))}


def insert_rows(cursor, table: str, columns, rows, *, sql: str) -> None:
    """``rows`` (tuples in the order of ``columns``) into ``table`` (both quoted): by COPY on PostgreSQL, by
    ``executemany`` of the INSERT ``sql`` elsewhere. psycopg runs executemany as one statement per row, which held the
    observations import of a 20k city (216k rows) to 31.6–61.1 s on PostgreSQL against 8.9–18.9 s on SQLite; COPY
    loaded the same rows in 2.6–3.0 s (helper-48, stop 28). Values go in COPY's text format (``copy_text``)."""
    if cursor.db.vendor == "postgresql":
        with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
            copy.write(copy_text(rows))
    else:
        cursor.executemany(sql, rows)


_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def _copy_other(value, esc) -> str:
    """A value other than text or nothing, in COPY's text format (escaped with ``esc`` where it may need it)."""
    if isinstance(value, bool):
        return "t" if value else "f"
    if hasattr(value, "isoformat"):  # date, datetime (with its zone)
        return value.isoformat()
    if isinstance(value, (Json, Jsonb)):
        text = json.dumps(value.obj, ensure_ascii=False)
        return text.translate(esc) if esc else text
    return str(value)


def copy_text(rows) -> bytes:
    """``rows`` in COPY's text format (NULL as \\N; backslash, tab, newline and carriage return escaped), written here
    rather than by psycopg's per-row writer (``write_row`` adapts each value through its dumpers: most of an
    observations chunk's write). Text and NULL, most values, take no function call. Values are joined as they are
    first and escaped only when the text shows that one needed it (a tab or line end more than the separators, a
    backslash more than the NULLs, a carriage return): ``str.translate`` on every value was most of the time here."""
    null = "\\N"
    text = "".join(["\t".join([v if v.__class__ is str else null if v is None else _copy_other(v, None)
                               for v in row]) + "\n" for row in rows])
    if ("\r" not in text and text.count("\n") == len(rows)
            and text.count("\t") == sum(len(row) - 1 for row in rows)
            and text.count("\\") == sum(row.count(None) for row in rows)):
        return text.encode()
    esc = _ESCAPES
    return "".join(["\t".join([null if v is None else v.translate(esc) if v.__class__ is str else _copy_other(v, esc)
                               for v in row]) + "\n" for row in rows]).encode()


def bulk_upsert(model, *, key: str, records: dict, fields: list[str], ignore: tuple[str, ...] = (),
                existing: dict | None = None) -> tuple[int, int, int]:
    """Creates the new records, updates the changed ones, leaves the rest; returns (created, updated, unchanged).

    `records` maps key values to unsaved instances. Fields in `ignore` are written on update but not compared
    (an AES-GCM ciphertext differs every time; its blind index says whether the value changed). `existing`: the
    stored rows of these keys, where the caller has read them already (whole rows, by key).
    """
    if existing is None:
        existing = {getattr(o, key): o for o in model.objects.filter(**{f"{key}__in": list(records)})}
    attnames = {f: model._meta.get_field(f).attname for f in fields}
    create, update, unchanged = [], [], 0
    for value, record in records.items():
        current = existing.get(value)
        if current is None:
            create.append(record)
        elif any(getattr(current, attnames[f]) != getattr(record, attnames[f]) for f in fields if f not in ignore):
            for f in fields:
                setattr(current, attnames[f], getattr(record, attnames[f]))
            update.append(current)
        else:
            unchanged += 1
    insert_many(model, create)
    if update:
        # bulk_update skips auto_now fields; an updated row must still say when it changed
        stamped = [f for f in model._meta.concrete_fields if getattr(f, "auto_now", False) and f.name not in fields]
        for record in update:
            for f in stamped:
                f.pre_save(record, add=False)
        update_many(model, update, list(fields) + [f.name for f in stamped])
    return len(create), len(update), unchanged


def update_many(model, records: list, fields: list[str]) -> None:
    """UPDATEs ``fields`` of saved ``records`` by primary key, as ``bulk_update`` does (the values as they are, auto_now
    fields written only if named), in one statement for a batch of thousands: on SQLite one prepared UPDATE run over
    the rows (``executemany``, as ``insert_many``), on PostgreSQL one ``UPDATE … FROM (VALUES …)`` per 65,535
    parameters, each value cast to its column's type. Django's bulk_update builds a CASE WHEN per field and row and
    splits at SQLite's 999 parameters: for a batch of 1,000 registrations a file moved it compiled 19,000 expressions
    into 20 statements, 7.6 of the 9.6 s the batch took under cProfile (and people's, another 1.5 s)."""
    if not records:
        return
    meta = model._meta
    columns = [meta.get_field(f) for f in fields]
    connection = connections[router.db_for_write(model)]
    quote = connection.ops.quote_name
    table, pk = quote(meta.db_table), quote(meta.pk.column)
    rows = [[c.get_db_prep_save(getattr(record, c.attname), connection) for c in columns] + [record.pk]
            for record in records]
    with connection.cursor() as cursor:
        if connection.vendor != "postgresql":
            cursor.executemany(f"UPDATE {table} SET {', '.join(f'{quote(c.column)} = %s' for c in columns)} "
                               f"WHERE {pk} = %s", rows)
            return
        names = [quote(c.column) for c in columns]
        values = "(" + ", ".join(f"%s::{c.cast_db_type(connection)}" for c in [*columns, meta.pk]) + ")"
        step = 65535 // (len(columns) + 1)
        for start in range(0, len(rows), step):
            chunk = rows[start:start + step]
            cursor.execute(f"UPDATE {table} AS t SET {', '.join(f'{n} = v.{n}' for n in names)} "
                           f"FROM (VALUES {', '.join([values] * len(chunk))}) AS v({', '.join(names)}, _key) "
                           f"WHERE t.{pk} = v._key", [value for row in chunk for value in row])


def analyze_after_commit(*models) -> None:
    """Has PostgreSQL ANALYZE the tables of ``models`` once the current transaction commits (at once outside one).

    A bulk load leaves the planner with no statistics, or those of the table before it, until autovacuum comes
    round (minutes after a big load; never where it is off), and meanwhile it plans as if each filtered table held
    a row: on a 20,000-resident city just imported, the first page of the registrations list took 37–109 ms
    (nested loops over 21,599 rows estimated as 1) instead of 0.3–0.5 ms. Every import, and `anju fusion run`, ends
    by calling this with the tables it wrote. A rolled-back import analyzes nothing; a failed ANALYZE is logged, not
    raised, since the data are in by then. Not on SQLite: measured on the same city it sped some lists and slowed
    others (a province's registrations count 8–36 → 48–56 ms, the ended registrations 7–14 → 53–63 ms, the
    cockpit's refresh), and SQLite never refreshes statistics by itself, so they would stay those of the last
    import while the tables grow."""
    connection = connections[router.db_for_write(models[0])]
    if connection.vendor != "postgresql":
        return
    tables = ", ".join(dict.fromkeys(connection.ops.quote_name(m._meta.db_table) for m in models))

    def analyze():
        with connection.cursor() as cursor:
            if connection.pg_version >= 150000:
                # this process reports its row counts when idle, at most once a second: the last batch's would land
                # after the ANALYZE and count as changes since it (autovacuum would analyze the table again)
                cursor.execute("SELECT pg_stat_force_next_flush()")
            cursor.execute(f"ANALYZE {tables}")

    transaction.on_commit(analyze, using=connection.alias, robust=True)
