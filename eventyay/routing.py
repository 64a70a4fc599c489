"""WebSocket routes. Each app that has consumers adds its patterns here."""

websocket_urlpatterns = []
