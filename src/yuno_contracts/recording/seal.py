"""A cassette's seal: the sha256 of its own text, written inside it, so a cassette vouches for
itself and its save is one atomic rename (no second file has to agree with it).

    text = seal(unsealed)        # the serializer's text, whose provenance holds SEAL_KEY: UNSEALED
    sealed_digest(raw)           # the file's sha256 if its seal verifies, else None

The seal is the sha256 of the file's bytes with the seal's 64 hex digits replaced by zeros: any
change to the file (a body, a status, the provenance, the seal itself) breaks it. The seal is
the provenance's ``cassette_sha256`` key, found by its exact place in the serializer's layout
(``indent=2``: the keys of a top-level object sit at four spaces), so a body that happens to
quote the key (escaped inside a JSON string) never counts. Cassettes saved before seals existed
carry none and are vouched for by ``MANIFEST.json`` alone.
"""

from __future__ import annotations

import hashlib
import re

__all__ = ["SEAL_KEY", "UNSEALED", "seal", "sealed_digest"]

SEAL_KEY = "cassette_sha256"
UNSEALED = "0" * 64
_SEAL = re.compile(rb'^    "' + SEAL_KEY.encode() + rb'": "([0-9a-f]{64})"', re.MULTILINE)


def seal(text: str) -> str:
    """``text`` (holding exactly one unsealed seal) with its seal filled in."""
    raw = text.encode("utf-8")
    found = list(_SEAL.finditer(raw))
    if len(found) != 1 or found[0].group(1) != UNSEALED.encode():
        raise ValueError(f"a cassette to seal holds one unsealed {SEAL_KEY}, found {len(found)}")
    digest = hashlib.sha256(raw).hexdigest()
    start, end = found[0].span(1)
    return (raw[:start] + digest.encode() + raw[end:]).decode("utf-8")


def sealed_digest(raw: bytes) -> str | None:
    """The sha256 of ``raw`` when it is a cassette whose seal verifies; None when it has no seal,
    more than one, or one its bytes do not match."""
    found = list(_SEAL.finditer(raw))
    if len(found) != 1:
        return None
    start, end = found[0].span(1)
    claimed = found[0].group(1).decode()
    if hashlib.sha256(raw[:start] + UNSEALED.encode() + raw[end:]).hexdigest() != claimed:
        return None
    return hashlib.sha256(raw).hexdigest()
