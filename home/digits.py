"""Digits as people type them: Arabic-Indic (٠-٩) and Persian (۰-۹) digits read as 0-9, for
references, codes, numbers and search alike. Plain Python."""

ARABIC_DIGITS = {
    **{chr(0x0660 + d): str(d) for d in range(10)},
    **{chr(0x06F0 + d): str(d) for d in range(10)},
}
_LATIN = str.maketrans(ARABIC_DIGITS)


def to_latin_digits(text: str) -> str:
    return text.translate(_LATIN)
