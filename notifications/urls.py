"""The notification centre's pages (the bell's API lives in `notifications.api.urls`)."""

from django.urls import path

from notifications import views

urlpatterns = [
    path("notifications", views.NotificationCentreView.as_view(), name="notification-centre"),
    path("notifications/read-all", views.MarkAllReadView.as_view(), name="notification-centre-read-all"),
    path("notifications/<int:pk>/read", views.MarkReadView.as_view(), name="notification-centre-read"),
]
