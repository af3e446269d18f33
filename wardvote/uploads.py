"""Uploads are cut off at the size limit while they stream in.

Django writes a large upload to a temporary file before any view sees it; a form
that checks the size afterwards still lets a 2 GB request fill the disk first.
"""

from __future__ import annotations

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, SkipFile


class SizeLimitUploadHandler(FileUploadHandler):
    """First in the chain: passes chunks on until a file passes UPLOAD_MAX_BYTES, then drops it.

    The rest of that file is read and discarded, not stored; the request is marked
    ``upload_too_large`` so the view can say why the file is missing.
    """

    def receive_data_chunk(self, raw_data, start):
        if start + len(raw_data) > settings.UPLOAD_MAX_BYTES:
            # Django always hands an upload handler its request; the flag is ours, read by the view.
            self.request.upload_too_large = True  # type: ignore[union-attr]
            raise SkipFile
        return raw_data

    def file_complete(self, file_size):
        return None
