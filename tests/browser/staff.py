"""Staff in the browser tests: the password of every test account (tests/factories.py) and the
admin's sign-in form, filled as a person fills it."""

PASSWORD = "a long demo passphrase 42"


def log_in(page, username, lands_on="**/admin/"):
    """Sign in; then wait for the address it leads to (`lands_on`), unless None."""
    page.goto("/admin/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("form.login-form button[type=submit]").click()
    if lands_on:
        page.wait_for_url(lands_on)
