"""Outlet names and profiles: one rule for naming where an article comes from.

The outlet is the page's own metadata (site name, feed title, sidecar) when it has one;
otherwise the URL's domain, mapped to a readable name when known (an imported profile,
else the short list in ``data/outlet_names.csv``, which holds names only, no ratings);
otherwise the bare domain ("example.org"). With neither metadata nor URL, every view says
``UNKNOWN_OUTLET``. Profiles (``storyline outlets import FILE.csv``) add country, language,
owner and any columns the user brings (a lean, a reliability rating): none are shipped.
"""

from __future__ import annotations

import csv
import functools
import re
from collections.abc import Mapping
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from .errors import MalformedInput

UNKNOWN_OUTLET = "unknown outlet"  # the one label for "no outlet known", in every view
REQUIRED_COLUMNS = ("domain", "name")
_HOST_PREFIXES = re.compile(r"^(?:www\d?|m|amp|mobile)\.")


def outlet_label(outlet: str | None) -> str:
    """What a view prints for an outlet: its name, or ``UNKNOWN_OUTLET``."""
    return (outlet or "").strip() or UNKNOWN_OUTLET


def domain_of(url: str | None) -> str | None:
    """The site of a URL without "www."/"m." ("https://www.bbc.co.uk/x" -> "bbc.co.uk")."""
    if not url or "://" not in url:
        return None
    host = (urlsplit(url.strip()).hostname or "").lower().rstrip(".")
    if not host or "." not in host:
        return None
    return _HOST_PREFIXES.sub("", host)


def normalize_domain(value: str) -> str:
    """A domain as a user may write it in a CSV: "https://www.X.com/" -> "x.com"."""
    value = value.strip().lower()
    if "://" in value:
        return domain_of(value) or value
    return _HOST_PREFIXES.sub("", value.split("/", 1)[0]).rstrip(".")


@functools.lru_cache(maxsize=1)
def known_names() -> dict[str, str]:
    """domain -> readable name, from the packaged list (names only)."""
    text = resources.files("storyline").joinpath("data/outlet_names.csv").read_text("utf-8")
    return {r["domain"]: r["name"] for r in csv.DictReader(text.splitlines())}


def _lookup(domain: str, table: Mapping[str, Any]) -> Any:
    """The entry for ``domain`` or its parent domain ("edition.cnn.com" -> "cnn.com")."""
    parts = domain.split(".")
    for i in range(len(parts) - 1):
        hit = table.get(".".join(parts[i:]))
        if hit:
            return hit
    return None


def name_for_domain(domain: str, profiles: Mapping[str, Mapping[str, Any]] | None = None) -> str:
    profile = _lookup(domain, profiles or {})
    if profile and profile.get("name"):
        return str(profile["name"])
    return str(_lookup(domain, known_names()) or domain)


def resolve_outlet(meta_outlet: str | None, url: str | None,
                   profiles: Mapping[str, Mapping[str, Any]] | None = None) -> tuple[str | None, str | None]:
    """(outlet, how): ``how`` is "metadata", "url" or None when nothing names the outlet.

    A metadata value that is itself a domain ("example.com") is treated like a URL's.
    """
    name = (meta_outlet or "").strip()
    if name and not re.fullmatch(r"(?:www\.)?[\w-]+(?:\.[\w-]+)+", name.lower()):
        return name, "metadata"
    domain = domain_of(url) or (normalize_domain(name) if name else None)
    if domain:
        return name_for_domain(domain, profiles), "url"
    return None, None


def profile_for(outlet: str | None, url: str | None,
                profiles: Mapping[str, Mapping[str, Any]]) -> Mapping[str, Any] | None:
    """The imported profile of an article: by its URL's domain, else by outlet name."""
    domain = domain_of(url)
    hit = _lookup(domain, profiles) if domain else None
    if hit is None and outlet:
        folded = outlet.strip().casefold()
        hit = next((p for p in profiles.values()
                    if str(p.get("name") or "").casefold() == folded), None)
    return hit


def read_profiles(path: Path) -> list[dict[str, Any]]:
    """Rows of an outlet CSV (domain, name, country, language, owner, any other columns).

    Raises ``MalformedInput`` naming the file and line for a missing column or value.
    """
    try:
        text = path.read_text("utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise MalformedInput(str(path), f"cannot read outlet CSV: {exc}") from exc
    reader = csv.DictReader(text.splitlines())
    columns = [c.strip().lower() for c in reader.fieldnames or []]
    missing = [c for c in REQUIRED_COLUMNS if c not in columns]
    if missing:
        raise MalformedInput(str(path), f"outlet CSV needs the columns {', '.join(REQUIRED_COLUMNS)}"
                                        f" (missing: {', '.join(missing)}); found {columns}")
    rows = []
    for line, raw in enumerate(reader, start=2):
        row = {(k or "").strip().lower(): (v or "").strip() for k, v in raw.items() if k}
        if not row.get("domain") or not row.get("name"):
            raise MalformedInput(f"{path}:{line}", "every row needs a domain and a name")
        row["domain"] = normalize_domain(row["domain"])
        rows.append({k: (v or None) for k, v in row.items()})
    return rows
