"""kombu's filesystem transport, with messages written atomically.

kombu 5.x writes a message by creating its file, then writing to it; a worker polling the folder
can pick the file up in between, read nothing and die on the empty JSON ("Unrecoverable error",
kombu issue #1551). Here a message is written under a name the readers ignore, then renamed into
place, which is atomic on one filesystem. Used by the embedded default (settings.CELERY_BROKER_TRANSPORT).
"""

import contextlib
import os
import uuid
from time import monotonic

from kombu.exceptions import ChannelError
from kombu.transport import filesystem
from kombu.utils.encoding import str_to_bytes
from kombu.utils.json import dumps


class Channel(filesystem.Channel):
    def _put(self, queue, payload, **kwargs):
        name = f"{int(round(monotonic() * 1000))}_{uuid.uuid4()}.{queue}.msg"
        final = os.path.join(self.data_folder_out, name)
        # ".partial-…" never matches "<queue>.msg" after the first dot: readers skip it.
        partial = os.path.join(self.data_folder_out, f".partial-{uuid.uuid4()}")
        try:
            with open(partial, "wb") as handle:
                handle.write(str_to_bytes(dumps(payload)))
                handle.flush()
                os.fsync(handle.fileno())
            os.rename(partial, final)
        except OSError as exc:
            with contextlib.suppress(OSError):
                os.unlink(partial)
            raise ChannelError(f"Cannot add file {final!r} to directory") from exc


class Transport(filesystem.Transport):
    Channel = Channel
