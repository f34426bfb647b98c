"""The public pages: opportunities.py (the listing, an opportunity and its sign-up, the
associations' request) and certificates.py (asking for, showing and checking certificates of
service). The page types import them, so they import the data modules they need, never the
page types' own (see models/__init__.py)."""
