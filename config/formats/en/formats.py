# One date style across the site's languages (home/numerals.py): the day, the month's name, the
# year, as the Arabic and French pages write them, rather than Django's American "Jan. 15, 2026".
DATE_FORMAT = "j F Y"

# A date typed by hand is read day first, as the region and the other languages write it, not
# Django's American month first.
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d/%m/%y", "%d-%m-%Y", "%d.%m.%Y"]
