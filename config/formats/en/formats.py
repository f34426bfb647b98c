# One date style across the site's languages (home/numerals.py): the day, the month's name, the
# year, as the Arabic and French pages write them, rather than Django's American "Jan. 15, 2026".
DATE_FORMAT = "j F Y"
