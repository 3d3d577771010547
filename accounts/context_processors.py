from .middleware import SHARED_FLAG


def shared_computer(request):
    session = getattr(request, "session", None)
    return {"on_shared_computer": bool(session and session.get(SHARED_FLAG))}
