"""The outbox speaking SMTP to a mail server: a submission's emails go through one connection, and a
server that drops the connection costs the email it was taking a retry, not the ones after it."""

import socket
import socketserver
import threading

import pytest

from home.outbox import OutgoingEmail

pytestmark = pytest.mark.django_db


class Conversation(socketserver.StreamRequestHandler):
    """Just enough SMTP for Django's backend; `server.refuse` names a recipient whose message
    makes the server hang up."""

    def reply(self, line):
        self.wfile.write(line.encode() + b"\r\n")

    def handle(self):
        self.server.connections += 1
        self.reply("220 mail.test ESMTP")
        while line := self.rfile.readline():
            command = line.decode().strip()
            verb = command[:4].upper()
            if verb in ("EHLO", "HELO"):
                self.reply("250 mail.test")
            elif verb == "RCPT" and self.server.refuse and self.server.refuse in command:
                self.server.refuse = None
                self.reply("421 mail.test closing the connection")
                return
            elif verb in ("MAIL", "RCPT", "RSET", "NOOP"):
                self.reply("250 OK")
            elif verb == "DATA":
                self.reply("354 go on")
                message = b"".join(iter(self.rfile.readline, b".\r\n"))
                self.server.messages.append(message)
                self.reply("250 queued")
            elif verb == "QUIT":
                self.reply("221 bye")
                return
            else:
                self.reply("502 not here")


@pytest.fixture
def mail_server(settings):
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Conversation)
    server.daemon_threads = True
    server.connections, server.messages, server.refuse = 0, [], None
    threading.Thread(target=server.serve_forever, daemon=True).start()
    settings.EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = server.server_address
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_TIMEOUT = 10
    yield server
    server.shutdown()
    server.server_close()


def test_a_submissions_two_emails_go_through_one_connection(submit, mail_server):
    assert submit().status_code == 200
    assert len(mail_server.messages) == 2
    assert mail_server.connections == 1
    assert set(OutgoingEmail.objects.values_list("state", flat=True)) == {"sent"}
    assert any(b"team@tamkeen.example" in message for message in mail_server.messages)
    assert any(b"sara@example.org" in message for message in mail_server.messages)


def test_a_dropped_connection_fails_one_email_and_the_next_is_sent(submit, mail_server):
    first = "team@tamkeen.example"
    mail_server.refuse = first
    submit()
    states = dict(OutgoingEmail.objects.values_list("recipient", "state"))
    assert states == {first: "failed", "sara@example.org": "sent"}
    assert "421" in OutgoingEmail.objects.get(recipient=first).last_error
    assert mail_server.connections == 2
    (delivered,) = mail_server.messages
    assert b"sara@example.org" in delivered


def test_a_mail_server_out_of_reach_fails_each_email_on_its_row(submit, mail_server, settings):
    with socket.socket() as unused:  # a port nobody listens on
        unused.bind(("127.0.0.1", 0))
        settings.EMAIL_PORT = unused.getsockname()[1]
    assert submit().status_code == 200
    emails = OutgoingEmail.objects.all()
    assert [email.state for email in emails] == ["failed", "failed"]
    assert all("ConnectionRefused" in email.last_error for email in emails)
    assert mail_server.messages == []
