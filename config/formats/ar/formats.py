# Django's Arabic formats have no date with a time, so Django's English default showed
# "ديسمبر 2, 2026, 9:16 ص"; the date is written as Arabic writes it, then the time.
DATETIME_FORMAT = "j F Y، g:i A"
# One date style (home/numerals.py writes the month names the site settings choose).
DATE_FORMAT = "j F Y"
YEAR_MONTH_FORMAT = "F Y"
# Arabic written with Latin digits uses the point for decimals and the comma for thousands (Django's
# "10,0" read as a list); Arabic-Indic pages turn them into ٫ and ٬ (home/numerals.py).
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3

# A date typed by hand (where a browser has no date picker) is read day first, as Arabic
# writes it: Django's default read 10/01/2027 as the first of October.
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d/%m/%y", "%d-%m-%Y", "%d.%m.%Y"]
