"""A mail backend for the fault bench: each delivered message becomes a file named after a fresh
id, holding its Message-ID, so that deliveries (and duplicates) can be counted afterwards. A pause
before each delivery (BENCH_MAIL_DELAY seconds) stands for a mail server's round trip, long enough
for a worker to be killed in the middle of a task."""

import os
import time
import uuid
from pathlib import Path

from django.conf import settings
from django.core.mail.backends.base import BaseEmailBackend


class RecordingBackend(BaseEmailBackend):
    def send_messages(self, messages):
        folder = Path(settings.EMAIL_FILE_PATH)
        for message in messages:
            time.sleep(float(os.environ.get("BENCH_MAIL_DELAY", "0")))
            (folder / f"{uuid.uuid4().hex}.eml").write_bytes(message.message().as_bytes())
        return len(messages)
