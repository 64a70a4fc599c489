from eventyay.api.registry import resources
from pages.api.views import PageViewSet, SettingViewSet

resources.register(PageViewSet, "pages")
resources.register(SettingViewSet, "settings")

urlpatterns = []
