from django.urls import path

from eventyay.api import upload_views

urlpatterns = [
    path("upload/image", upload_views.ImageUploadView.as_view(), name="upload-image"),
    path("upload/file", upload_views.FileUploadView.as_view(), name="upload-file"),
    path("upload/files", upload_views.FileUploadView.as_view(), name="upload-files"),
]
