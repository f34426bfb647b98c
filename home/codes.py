"""Verification codes printed on certificates (e-learning, volunteering): 16 characters from 32
(80 random bits) in groups of four, unguessable and easy to read out or type on a phone."""

import re
import secrets

from home.digits import to_latin_digits

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
CODE_GROUPS = 4
CODE_PATTERN = re.compile(rf"^[{CODE_ALPHABET}]{{{CODE_GROUPS * 4}}}$")


def new_code():
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_GROUPS * 4))
    return "-".join(raw[i : i + 4] for i in range(0, len(raw), 4))


def normalise_code(code):
    """A typed code in canonical form, or None when it cannot be a code."""
    compact = re.sub(r"[\s\-–—]", "", to_latin_digits(str(code))).upper()
    if not CODE_PATTERN.match(compact):
        return None
    return "-".join(compact[i : i + 4] for i in range(0, len(compact), 4))
