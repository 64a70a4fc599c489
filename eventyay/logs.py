"""Access logs never hold credentials: `token=` values in a logged URL are replaced by `[redacted]`.

Installed on the servers' own loggers (uvicorn's access and error loggers, which log WebSocket paths with their
query string, and gunicorn's access logger) when the ASGI or WSGI application loads.
"""

import logging
import re

TOKEN_IN_URL = re.compile(r"((?:^|[?&;])(?:token|access_token|refresh_token|jwt)=)[^&\s\"';]+", re.IGNORECASE)
SERVER_LOGGERS = ("uvicorn.access", "uvicorn.error", "gunicorn.access", "gunicorn.error", "daphne.server")


def redact(text):
    return TOKEN_IN_URL.sub(r"\1[redacted]", text)


class RedactTokens(logging.Filter):
    def filter(self, record):
        try:
            message = record.getMessage()
        except Exception:  # noqa: BLE001 - a record that cannot format is left to the handler
            return True
        if "=" in message:
            cleaned = redact(message)
            if cleaned != message:
                record.msg, record.args = cleaned, ()
        return True


def install():
    for name in SERVER_LOGGERS:
        logger = logging.getLogger(name)
        if not any(isinstance(f, RedactTokens) for f in logger.filters):
            logger.addFilter(RedactTokens())
