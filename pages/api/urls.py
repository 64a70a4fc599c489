from rest_framework.routers import SimpleRouter

from pages.api.views import PageViewSet

router = SimpleRouter(trailing_slash=False)
router.register("pages", PageViewSet, basename="page")
urlpatterns = router.urls
