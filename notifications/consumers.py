"""The live bell's socket (seed 003, "Flask-SocketIO Notifications", done with Channels).

A signed-in user (session cookie or JWT, see `ws_auth.py`) joins the group `user_<id>`; on connect, on every
new notification and whenever notifications are marked read, the server sends the seed's message
`{meta, notif_count, notifs}`. A client may send `{"action": "sync"}` to get the current state again.
Anonymous connections are accepted only to be closed with code 4401 (so the client can tell "not signed in"
from a network failure and stop retrying).
"""

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer

from notifications.selectors import unread_payload
from notifications.services import user_group
from notifications.ws_auth import JWT_SUBPROTOCOL

CLOSE_UNAUTHENTICATED = 4401


class NotificationConsumer(AsyncJsonWebsocketConsumer):
    group = None

    async def connect(self):
        subprotocol = JWT_SUBPROTOCOL if JWT_SUBPROTOCOL in (self.scope.get("subprotocols") or []) else None
        await self.accept(subprotocol)
        user = self.scope.get("user")
        if user is None or not user.is_authenticated or not user.is_active:
            await self.close(code=CLOSE_UNAUTHENTICATED)
            return
        self.user_id = user.pk
        self.credentials_version = user.credentials_version
        session = self.scope.get("session")
        self.session_key = getattr(session, "session_key", None) if session is not None else None
        self.token_sid = self.scope.get("token_sid")  # the API sign-in session of the token it was opened with
        self.group = user_group(user.pk)
        await self.channel_layer.group_add(self.group, self.channel_name)
        await self.send_state("WS connected")

    async def disconnect(self, code):
        if self.group is not None:
            await self.channel_layer.group_discard(self.group, self.channel_name)

    @classmethod
    async def decode_json(cls, text_data):
        try:
            return await super().decode_json(text_data)
        except ValueError:
            return None  # a malformed frame is ignored, not a reason to drop the socket

    async def receive_json(self, content, **kwargs):
        if self.group is not None and isinstance(content, dict) and content.get("action") == "sync":
            await self.send_state("Notifications")

    async def send_state(self, meta):
        payload = await database_sync_to_async(unread_payload)(self.user_id, meta=meta)
        await self.send_json(payload)

    async def session_ended(self, event):
        """The user signed out of the session this socket was opened with (a dashboard session, or the API
        sign-in session of its token: `POST /v1/auth/logout`): stop delivering to it."""
        ended_session = self.session_key and event.get("session_key") == self.session_key
        ended_token_session = getattr(self, "token_sid", None) and event.get("sid") == self.token_sid
        if ended_session or ended_token_session:
            await self.close(code=CLOSE_UNAUTHENTICATED)

    async def credentials_revoked(self, event):
        """The user's password changed, or the account was blocked, deactivated or deleted: a socket opened
        before that closes (a reconnect with the old token or session is refused at connect)."""
        version = event.get("version")
        if version is None or version > self.credentials_version:
            await self.close(code=CLOSE_UNAUTHENTICATED)

    async def notifications_push(self, event):
        """A `notifications.push` message sent to the user's group by `services.push_unread`. It carries the
        user's credentials version, so a socket whose revocation message was lost still closes here."""
        if "credentials_version" in event:
            version = event["credentials_version"]
            if version is None or version > self.credentials_version:
                await self.close(code=CLOSE_UNAUTHENTICATED)
                return
        await self.send_json(event["payload"])
