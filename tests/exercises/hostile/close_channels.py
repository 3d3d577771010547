# Closes every descriptor (stdout, stderr, the report channel), then sleeps.
import os
import time

os.closerange(0, 256)
time.sleep(60)
