from eventyay.api.registry import resources
from pages.api.views import PageViewSet

resources.register(PageViewSet, "pages")

urlpatterns = []
