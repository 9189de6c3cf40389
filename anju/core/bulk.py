"""Bulk upsert by a natural key: the shared core of every `anju import …` (one query to read, two to write)."""


def bulk_upsert(model, *, key: str, records: dict, fields: list[str], ignore: tuple[str, ...] = ()) -> tuple[int, int, int]:
    """Creates the new records, updates the changed ones, leaves the rest; returns (created, updated, unchanged).

    `records` maps key values to unsaved instances. Fields in `ignore` are written on update but not compared
    (an AES-GCM ciphertext differs every time; its blind index says whether the value changed).
    """
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
    model.objects.bulk_create(create, batch_size=1000)
    if update:
        # bulk_update skips auto_now fields; an updated row must still say when it changed
        stamped = [f for f in model._meta.concrete_fields if getattr(f, "auto_now", False) and f.name not in fields]
        for record in update:
            for f in stamped:
                f.pre_save(record, add=False)
        model.objects.bulk_update(update, list(fields) + [f.name for f in stamped], batch_size=1000)
    return len(create), len(update), unchanged
