"""WebSocket routes. Each app that has consumers adds its patterns here."""

from notifications.routing import websocket_urlpatterns as notification_patterns

websocket_urlpatterns = [*notification_patterns]
