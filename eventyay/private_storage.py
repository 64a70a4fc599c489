"""Storage for files that must never be public: event exports and import uploads waiting for their task.

Embedded mode: a directory outside MEDIA_ROOT (`PRIVATE_MEDIA_ROOT`) that no URL serves; a download view
streams the file after checking who asks. S3-compatible storage: the `private/` prefix of the bucket (or
`STORAGE_PRIVATE_BUCKET`), objects uploaded with a private ACL and reachable only through presigned URLs that
expire after `PRIVATE_URL_SECONDS` — which the download view hands out, again only after its own check.
"""

import posixpath
from functools import cache

from django.conf import settings
from django.core.files.storage import FileSystemStorage


@cache
def _storage(bucket, root):
    if bucket:
        from storages.backends.s3 import S3Storage

        return S3Storage(
            bucket_name=bucket,
            location="private",
            default_acl="private",
            querystring_auth=True,
            querystring_expire=settings.PRIVATE_URL_SECONDS,
            custom_domain=None,
            file_overwrite=False,
            endpoint_url=settings.STORAGE_OPTIONS.get("endpoint_url"),
            access_key=settings.STORAGE_OPTIONS.get("access_key"),
            secret_key=settings.STORAGE_OPTIONS.get("secret_key"),
            region_name=settings.STORAGE_OPTIONS.get("region_name"),
        )
    return FileSystemStorage(location=root, base_url=None)


def private_storage():
    return _storage(settings.STORAGE_PRIVATE_BUCKET, str(settings.PRIVATE_MEDIA_ROOT))


def is_local(storage):
    return isinstance(storage, FileSystemStorage)


def delete_quietly(storage, name):
    try:
        if name:
            storage.delete(name)
    except Exception:  # noqa: BLE001 — cleanup is best effort; a sweeper tries again
        pass


def delete_folder(storage, folder):
    """Delete every file below `folder` (best effort)."""
    try:
        directories, files = storage.listdir(folder)
    except (FileNotFoundError, NotADirectoryError, OSError):
        return
    except Exception:  # noqa: BLE001
        return
    for name in files:
        delete_quietly(storage, posixpath.join(folder, name))
    for directory in directories:
        delete_folder(storage, posixpath.join(folder, directory))
