"""Forms written in code: the pages where volunteers sign up and associations ask for help take
submissions through the site's form machinery without an editor building the form."""

from applications.models import ReviewedForm


class FixedField:
    """A field of a form written in code, as the form machinery lists answers and exports."""

    def __init__(self, clean_name, label, field_type):
        self.clean_name, self.label, self.field_type = clean_name, label, field_type


class FixedForm(ReviewedForm):
    """A page taking submissions through the site's form machinery with fields written in code:
    the same for every opportunity, so that no editor has to build a sign-up form."""

    # Emails about the submissions come from the site's address (applications/emails.py).
    from_address = ""
    form_class = None
    # Not an event's registration: the submission takes no place (applications/registrations.py).
    event = None

    def get_form_class(self):
        return self.form_class

    def get_form_fields(self):
        return [
            FixedField(name, field.label, field.kind)
            for name, field in self.get_form_class().base_fields.items()
        ]
