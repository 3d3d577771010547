# Ignores SIGINT (at import and again inside moyenne, where the kernel's server restores it) then loops forever: the interruption cannot stop it.
import signal

signal.signal(signal.SIGINT, signal.SIG_IGN)


def moyenne(liste):
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
    while True:
        try:
            pass
        except BaseException:
            pass
