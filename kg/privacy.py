"""Masking of private data: phone numbers, ID card numbers and e-mail addresses.

Policy: everything that looks like a mobile number, a landline with its area code,
an 18-digit resident ID number or an e-mail address is masked, public office lines
and editorial mailboxes included, because the tool cannot reliably tell a private
number from a public one. Ordinary numbers are left alone: amounts (3084.9796万元),
years, 6-digit postcodes, 12-digit division codes, short service lines (12345).

Masking replaces each masked character with ``*`` one for one, so the text keeps its
length and every character offset computed on it stays valid.
"""
from __future__ import annotations

import re

__all__ = ["mask_private"]

_D = "[0-9０-９]"  # ASCII and full-width digits; \d would also take other scripts' digits
_SEP = "[-－ ]?"

# Each pattern may only start where a run of its kind of characters starts (the
# lookbehinds), which keeps the scan linear even on megabytes without a line break.
_MOBILE = (
    rf"(?<![0-9０-９])(?:(?:\+|＋)?86{_SEP})?[1１][3-9３-９]{_D}"
    rf"{_SEP}{_D}{{4}}{_SEP}{_D}{{4}}(?![0-9０-９])"
)
_LANDLINE = (
    rf"(?<![0-9０-９])(?:[(（][0０]{_D}{{2,3}}[)）] ?|[0０]{_D}{{2,3}}[-－])"
    rf"{_D}{{7,8}}(?:[-－]{_D}{{1,5}})?(?![0-9０-９])"
)
_ID_CARD = (
    rf"(?<![0-9０-９])[1-9１-９]{_D}{{5}}(?:19|20|１９|２０){_D}{{2}}"
    rf"(?:[0０][1-9１-９]|[1１][0-2０-２])(?:[0０][1-9１-９]|[12１２]{_D}|[3３][01０１])"
    rf"{_D}{{3}}[0-9０-９Xx](?![0-9０-９])"
)
_EMAIL = (
    r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@"
    r"[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}"
)
_NUMBER = re.compile("|".join((_ID_CARD, _MOBILE, _LANDLINE)))
_EMAIL_ADDRESS = re.compile(_EMAIL)
_DIGIT = re.compile(_D)
# Runs of the characters those patterns are made of. Scanning for them first is many
# times faster than trying every pattern at every position of mostly-Chinese text; a
# run is bounded by characters no pattern uses, so the lookarounds see the same thing.
_CANDIDATE = re.compile(r"[0-9０-９A-Za-z._%+＋\-－()（） @]{6,}")


def _stars(match: re.Match[str]) -> str:
    return "*" * (match.end() - match.start())


def _masked_run(match: re.Match[str]) -> str:
    run = match.group()
    if "@" in run:  # addresses first: a number inside one must not split it
        run = _EMAIL_ADDRESS.sub(_stars, run)
    if _DIGIT.search(run):
        run = _NUMBER.sub(_stars, run)
    return run


def mask_private(text: str) -> str:
    """The text with phone numbers, ID card numbers and e-mail addresses starred out.

    >>> mask_private("请拨打13812345678咨询")
    '请拨打***********咨询'
    """
    return _CANDIDATE.sub(_masked_run, text)
