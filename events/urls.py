"""Server-rendered pages (dashboard, wizard)."""

urlpatterns = []
