"""What an alert form on a page offers to follow, beside what the page itself names."""

from django import template

from alerts.forms import event_choices

register = template.Library()

register.simple_tag(event_choices)
