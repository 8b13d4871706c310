"""Verification codes: short, typable, derived from the document's input (no Flask here).

A code is 12 characters of Crockford's base32 (digits and capitals without I, L, O and
U, so nothing reads as something else) in three groups: `7KQ2-M9TD-X4BN`. It is an HMAC
of the document's input hash, its reuse scope and a generation number, so the same
input from the same caller on the same day gets the same code (and the same bytes),
while a re-issue after a revocation gets a new one. 60 bits: not guessable, and a
collision among millions of documents is vanishingly unlikely.
"""

from __future__ import annotations

import hashlib
import hmac
import re

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 12
GROUP = 4
# What a person may type for a character the alphabet leaves out (Crockford's reading).
LOOKALIKES = str.maketrans({"O": "0", "I": "1", "L": "1"})
_TYPED = re.compile(r"[\s\-–—_.]+")


def derive_series(key: bytes, input_sha256: str, scope: str) -> str:
    """Name the series of documents made from one input in one scope (hex HMAC)."""
    message = f"series:{input_sha256}:{scope}".encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()


def derive_code(key: bytes, series: str, generation: int) -> str:
    """Derive the code of the `generation`-th document of a series, grouped for reading."""
    digest = hmac.new(key, f"code:{series}:{generation}".encode(), hashlib.sha256).digest()
    number = int.from_bytes(digest[:8], "big") >> (64 - 5 * CODE_LENGTH)
    characters = [ALPHABET[(number >> (5 * i)) & 31] for i in reversed(range(CODE_LENGTH))]
    plain = "".join(characters)
    return "-".join(plain[i : i + GROUP] for i in range(0, CODE_LENGTH, GROUP))


def normalise_code(typed: str) -> str | None:
    """Read a code as a person typed it (any case, spaces or dashes, O for 0); None if not one."""
    plain = _TYPED.sub("", typed.upper()).translate(LOOKALIKES)
    if len(plain) != CODE_LENGTH or any(character not in ALPHABET for character in plain):
        return None
    return "-".join(plain[i : i + GROUP] for i in range(0, CODE_LENGTH, GROUP))
