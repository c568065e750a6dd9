"""Read ``datapackage.json`` and check its shape before any resource is read.

A descriptor edited by hand (or fuzzed) can be valid JSON and still not describe readable tables: a
resource without a path, a field without a name, a primary key naming no field, a foreign key pointing
at no resource, a malformed ``x-extent``. Each is a :class:`.Problem` of ``datapackage.json`` naming the
resource and what to fix, so that neither Frictionless nor pandas ever sees such a descriptor.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from .problems import DataError, Problem

TYPES = {"string", "integer", "number", "boolean", "date", "datetime", "time", "year", "yearmonth", "any"}


def _names(value) -> list | None:
    """A field list as written in a key (a name or a list of names), or None if it is neither."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
        return value
    return None


def _resource_problems(res, i: int, names: dict[str, dict]) -> list[str]:
    if not isinstance(res, dict):
        return [f"resources[{i}] is not an object"]
    name = res.get("name")
    label = f"resource '{name}'" if isinstance(name, str) else f"resources[{i}]"
    out = []
    path = res.get("path")
    if not isinstance(path, str) or not path.endswith(".csv") or "/" in path or "\\" in path or path.startswith("."):
        out.append(f"{label}: 'path' must be the name of a .csv file in the data folder, not {path!r}")
    schema = res.get("schema")
    fields = schema.get("fields") if isinstance(schema, dict) else None
    if not isinstance(fields, list) or not fields or not all(isinstance(f, dict) for f in fields):
        return [*out, f"{label}: 'schema' must be an object with a non-empty 'fields' list of objects"]
    field_names = [f.get("name") if isinstance(f.get("name"), str) else None for f in fields]
    if not all(field_names) or len(set(field_names)) != len(field_names):
        out.append(f"{label}: every field needs a 'name', and names must be different: {field_names}")
    for f in fields:
        if not isinstance(f.get("type", "string"), str) or f.get("type", "string") not in TYPES:
            out.append(
                f"{label}: field {f.get('name')!r} has type {f.get('type')!r}; types: {', '.join(sorted(TYPES))}"
            )
        if not isinstance(f.get("constraints", {}), dict):
            out.append(f"{label}: field {f.get('name')!r}: 'constraints' must be an object")
    missing = schema.get("missingValues", [""])
    if not isinstance(missing, list) or not all(isinstance(v, str) for v in missing):
        out.append(f"{label}: 'missingValues' must be a list of strings")
    pk = _names(schema.get("primaryKey"))
    if "primaryKey" in schema and (pk is None or not set(pk) <= set(field_names)):
        out.append(f"{label}: 'primaryKey' {schema.get('primaryKey')!r} must name fields of {field_names}")
    fks = schema.get("foreignKeys", [])
    for fk in fks if isinstance(fks, list) else [None]:
        ref = fk.get("reference") if isinstance(fk, dict) else None
        here = _names(fk.get("fields")) if isinstance(fk, dict) else None
        there = _names(ref.get("fields")) if isinstance(ref, dict) else None
        target_name = (ref.get("resource") or name) if isinstance(ref, dict) else None
        target = names.get(target_name) if isinstance(target_name, str) else None
        target_fields = [f.get("name") for f in target["schema"]["fields"]] if _fields_ok(target) else []
        target_fields = [n for n in target_fields if isinstance(n, str)]
        if (
            here is None
            or there is None
            or len(here) != len(there)
            or not set(here) <= set(field_names)
            or not set(there) <= set(target_fields)
        ):
            out.append(f"{label}: foreign key {fk!r} must map fields of this resource to fields of a resource")
    extent = res.get("x-extent")
    if extent is not None:
        keys = extent.get("keys") if isinstance(extent, dict) else None
        if pk is None or not isinstance(keys, list) or not all(isinstance(k, str) for k in keys):
            out.append(f"{label}: 'x-extent' must be an object whose 'keys' list the primary-key values (strings)")
    return out


def _fields_ok(res) -> bool:
    schema = res.get("schema") if isinstance(res, dict) else None
    fields = schema.get("fields") if isinstance(schema, dict) else None
    return isinstance(fields, list) and all(isinstance(f, dict) for f in fields)


def read_descriptor(path: Path, *, profile: bool = True) -> dict:
    """The descriptor at ``path``, checked; raise :class:`.DataError` naming ``datapackage.json`` otherwise.

    ``profile=False`` leaves out the Data Package specification's own check (Frictionless, the slow part), only for
    a descriptor known to be valid (:func:`.datapackage.read` with ``validate=False``)."""
    name = path.name
    if not path.is_file():
        raise DataError([Problem(str(path), None, None, "file not found")])
    try:
        descriptor = json.loads(path.read_bytes().decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise DataError([Problem(name, None, None, f"not UTF-8 ({exc.reason}): save it as UTF-8")]) from None
    except json.JSONDecodeError as exc:
        raise DataError([Problem(name, exc.lineno, f"char {exc.colno}", f"invalid JSON: {exc.msg}")]) from None
    except RecursionError:
        raise DataError([Problem(name, None, None, "invalid JSON: nested too deeply")]) from None
    if not isinstance(descriptor, dict) or not isinstance(descriptor.get("resources"), list):
        raise DataError([Problem(name, None, None, "must be a JSON object with a 'resources' list")])
    resources = descriptor["resources"]
    names = {r["name"]: r for r in resources if isinstance(r, dict) and isinstance(r.get("name"), str)}
    messages = [m for i, res in enumerate(resources) for m in _resource_problems(res, i, names)]
    all_names = [r.get("name") if isinstance(r, dict) and isinstance(r.get("name"), str) else None for r in resources]
    if len(names) != len(resources) or len(set(all_names)) != len(all_names):
        messages.append(f"every resource needs a 'name' (a string), each different: {all_names}")
    paths = [r.get("path") if isinstance(r, dict) and isinstance(r.get("path"), str) else None for r in resources]
    if len(set(paths)) != len(paths):
        messages.append(f"each resource needs its own 'path': {paths}")
    if not resources:
        messages.append("the 'resources' list is empty")
    if profile:
        messages += _profile_messages(json.dumps(descriptor, sort_keys=True))
    if messages:
        raise DataError([Problem(name, None, None, m) for m in messages])
    return descriptor


@lru_cache(maxsize=32)
def _profile_messages(text: str) -> tuple[str, ...]:
    """What the Data Package specification itself says of the descriptor (names, licences, sources...)."""
    from frictionless import Package

    try:
        report = Package.validate_descriptor(json.loads(text))
    except Exception as exc:  # noqa: BLE001 - a descriptor Frictionless cannot even inspect
        return (f"not a valid data package descriptor ({type(exc).__name__}: {exc})",)
    return tuple(f"{err.type}: {err.note}" for err in report.errors)
