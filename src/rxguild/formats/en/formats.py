"""English formats: "Dec 2, 2026", "7:00 PM", "Dec 2, 2026, 7:00 PM" (Django's own English
formats abbreviate with a period and drop ":00": "Dec. 2, 2026", "7 p.m.")."""

DATE_FORMAT = "M j, Y"
TIME_FORMAT = "g:i A"
DATETIME_FORMAT = "M j, Y, g:i A"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "M j"
SHORT_DATE_FORMAT = "M j, Y"
SHORT_DATETIME_FORMAT = "M j, g:i A"
