"""Headless Chromium for web exercises, inside the sandbox.

One browser per worker process, started on first use and reused: each grading gets a fresh
browser context (no cookies, storage or cache shared between learners). The browser runs in
bubblewrap like every learner run (no network namespace, the slot's unprivileged uid, seccomp,
memory and process cgroups), so a page's script is contained twice: by the browser and by the
sandbox. Pages load from a fake origin served from the submission's files by request
interception; every other request is refused and reported. A watchdog kills the browser when a
use outlives its deadline; the next use starts a new one.

Playwright drives Debian's chromium (`executable_path`); nothing is ever downloaded.
"""

import contextlib
import logging
import mimetypes
import os
import shutil
import signal
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.utils import translation

from . import sandbox

log = logging.getLogger(__name__)

ORIGIN = "http://exercice.invalid"
MAX_DIALOGS = 20
CHROMIUM_ARGS = [
    "--no-sandbox",  # bubblewrap is the sandbox; Chromium's own needs namespaces the filter refuses
    "--disable-gpu",
    "--js-flags=--max-old-space-size=256 --max-semi-space-size=1",
    "--renderer-process-limit=2",
    "--font-render-hinting=none",
]


class BrowserUnavailable(Exception):
    """Chromium (or bubblewrap) is missing: web exercises with browser checks cannot be graded."""


class PageTimeout(Exception):
    """The page did not finish in time (an endless loop, endless dialogs)."""


class PageCrashed(Exception):
    """The page's process died, usually for lack of memory."""


class PageLeft(Exception):
    """The page reloaded itself or went elsewhere while it was being checked."""


@dataclass
class PageSession:
    page: object
    files: dict
    blocked: list = field(default_factory=list)
    errors: list = field(default_factory=list)
    dialogs: int = 0
    crashed: bool = False
    settle_budget: float = 2.0  # seconds a grading may spend waiting for expectations to come true
    # Checks run in an isolated world of the page (a JavaScript world of its own on the same DOM):
    # the page's scripts cannot reach it, so redefining getComputedStyle, querySelector,
    # Element.prototype or window.axe in the page changes nothing of what the checks read.
    cdp: object = None
    world: int | None = None  # the isolated world's execution context in the current document
    axe_loaded: bool = False
    navigations: int = 0  # main-frame navigations, ours and the page's
    expected_navigations: int = 0
    navigation_allowed: bool = False  # a scenario's steps may follow links of the exercise

    def url(self, name="index.html"):
        return f"{ORIGIN}/{name}"

    def _route(self, route):
        url = route.request.url
        parts = urlsplit(url)
        if f"{parts.scheme}://{parts.netloc}" != ORIGIN:
            if len(self.blocked) < 20:
                self.blocked.append(url[:200])
            route.abort("blockedbyclient")
            return
        name = unquote(parts.path).lstrip("/") or "index.html"
        body = self.files.get(name)
        if body is None:
            route.fulfill(status=404, body=b"", content_type="text/plain")
            return
        content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
        if content_type.startswith("text/") or content_type in ("application/javascript", "image/svg+xml"):
            content_type += "; charset=utf-8"
        route.fulfill(
            status=200, body=body if isinstance(body, bytes) else body.encode("utf-8"), content_type=content_type
        )

    def _dialog(self, dialog):
        self.dialogs += 1
        with contextlib.suppress(Exception):  # the page may already be gone
            dialog.dismiss()

    def _crash(self, _page):
        self.crashed = True

    def _navigated(self, frame):
        if frame == self.page.main_frame:
            self.navigations += 1
            self.world, self.axe_loaded = None, False

    def load(self, name="index.html"):
        """Open a page of the submission; raises PageTimeout, PageCrashed or PageLeft."""
        self.expected_navigations = self.navigations + 1  # ours; one more is the page's doing
        try:
            self.page.goto(self.url(name), wait_until="load")
        except Exception as exc:  # noqa: BLE001 - Playwright's errors have no stable types
            self.raise_for(exc)
        self.expected_navigations = self.navigations
        self.check()

    def evaluate(self, function, arg=None, *, timeout_ms=5000):
        """`function` (a JavaScript function's source) called with `arg` in the checks' isolated
        world; its result comes back by value. Raises PageLeft if the page reloaded or went
        elsewhere since it was loaded (unless a scenario's steps are being followed)."""
        import json

        return self._evaluate(f"({function})({json.dumps(arg)})", timeout_ms)

    def load_axe(self):
        if not self.axe_loaded:
            self._evaluate(axe_source() + "\n;void 0", 10_000)
            self.axe_loaded = True

    def _evaluate(self, expression, timeout_ms):
        failure = None
        for _attempt in range(3):
            if self.navigations != self.expected_navigations and not self.navigation_allowed:
                raise PageLeft()
            try:
                if self.cdp is None:
                    self.cdp = self.page.context.new_cdp_session(self.page)
                if self.world is None:
                    frame_id = self.cdp.send("Page.getFrameTree")["frameTree"]["frame"]["id"]
                    self.world = self.cdp.send(
                        "Page.createIsolatedWorld",
                        {
                            "frameId": frame_id,
                            "worldName": "tremplin-checks",
                            "grantUniveralAccess": False,
                        },
                    )["executionContextId"]
                answer = self.cdp.send(
                    "Runtime.evaluate",
                    {
                        "expression": expression,
                        "contextId": self.world,
                        "returnByValue": True,
                        "awaitPromise": True,
                        "timeout": timeout_ms,
                    },
                )
            except Exception as exc:  # noqa: BLE001 - the document (or its process) went away under the call
                self.check()
                if self.page.is_closed():
                    self.raise_for(exc)
                failure = exc
                if "closed" in str(exc).lower() or "detached" in str(exc).lower():
                    self.cdp = None  # a reload may move the page to another renderer: a new session follows it
                self.world, self.axe_loaded = None, False
                continue
            if "exceptionDetails" in answer:
                details = answer["exceptionDetails"]
                raise RuntimeError((details.get("exception") or {}).get("description") or details.get("text", "error"))
            return answer["result"].get("value")
        self.check()
        if self.navigations != self.expected_navigations:
            raise PageLeft() from failure
        self.raise_for(failure)

    def check(self):
        if self.crashed:
            raise PageCrashed()
        if self.dialogs > MAX_DIALOGS:
            raise PageTimeout("dialogs")

    def raise_for(self, exc):
        if self.crashed or "crash" in str(exc).lower():
            raise PageCrashed() from exc
        if self.dialogs > MAX_DIALOGS:
            raise PageTimeout("dialogs") from exc
        # A page that keeps reloading or leaving makes Playwright's calls fail or time out: say why.
        if self.navigations - self.expected_navigations > (5 if self.navigation_allowed else 0):
            raise PageLeft() from exc
        if "Timeout" in type(exc).__name__ or "timeout" in str(exc).lower():
            raise PageTimeout("timeout") from exc
        if "closed" in str(exc).lower():  # the watchdog killed the browser
            raise PageTimeout("killed") from exc
        raise exc


class _Browser:
    """The process's browser, driven from a thread of its own.

    Playwright's sync API runs an event loop in the thread that uses it, which Django then
    takes for an async context: the browser therefore lives in a dedicated thread, and callers
    hand it jobs (run()). Recreated after a fork (Celery's prefork children) or a kill.
    """

    def __init__(self):
        self.owner = None
        self.executor = None
        self.playwright = self.browser = self.slot = self.folder = self.spare = None

    def submit(self, job):
        if self.owner != os.getpid() or self.executor is None:
            # Inherited through fork (or first use): the parent's browser belongs to the parent.
            self.playwright = self.browser = self.slot = self.folder = self.spare = None
            self.owner = os.getpid()
            self.executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="tremplin-browser")
        return self.executor.submit(job)

    def abandon(self):
        """The browser thread is stuck even after a kill: leave it and start over."""
        self.kill()
        if self.executor is not None:
            self.executor.shutdown(wait=False, cancel_futures=True)
        self.executor = None
        self.playwright = self.browser = self.spare = None
        if self.slot is not None:
            self.slot.__exit__(None, None, None)
        self.slot = None

    def get(self):
        """In the browser thread: a connected browser, started if needed."""
        if self.browser is not None and self.browser.is_connected():
            return self.browser
        self.spare = None
        self.stop()
        self.start()
        return self.browser

    def start(self):
        chromium = settings.SANDBOX_CHROMIUM
        if not Path(chromium).exists():
            raise BrowserUnavailable(f"{chromium} is missing (apt-get install chromium)")
        if sandbox.bwrap_path() is None and not settings.SANDBOX_ALLOW_UNSAFE:
            raise BrowserUnavailable("bubblewrap (bwrap) is not installed: grading is refused.")
        from playwright.sync_api import sync_playwright

        self.slot = sandbox._Slot().__enter__()
        self.folder = Path(tempfile.mkdtemp(prefix="tremplin-browser-"))
        limits = sandbox.Limits(
            memory_mib=settings.SANDBOX_BROWSER_MEMORY_MIB,
            processes=512,
            open_files=1024,
            file_size_mib=64,
            disk_mib=256,
        )
        script = sandbox.wrapper_script(
            [chromium],
            slot=self.slot,
            limits=limits,
            folder=self.folder,
            env={"XDG_CONFIG_HOME": "/tmp/.config", "XDG_CACHE_HOME": "/tmp/.cache", "HOME": "/tmp"},
            extra_ro={"/etc/fonts": "/etc/fonts"} if Path("/etc/fonts").is_dir() else {},
        )
        # Playwright's driver is a Node process: a small young generation and no JIT save ~40 MB of it
        # (measured with bench/web.py); it only relays a few messages per grading.
        previous = os.environ.get("NODE_OPTIONS")
        os.environ["NODE_OPTIONS"] = "--max-semi-space-size=1 --jitless"
        try:
            self.playwright = sync_playwright().start()
        finally:
            if previous is None:
                os.environ.pop("NODE_OPTIONS", None)
            else:
                os.environ["NODE_OPTIONS"] = previous
        try:
            self.browser = self.playwright.chromium.launch(
                executable_path=str(script),
                args=CHROMIUM_ARGS,
                chromium_sandbox=False,
                headless=True,
                timeout=30_000,
            )
        except Exception:
            self.stop()
            raise

    def kill(self):
        """The watchdog's way out: kill the sandboxed browser whatever it is doing."""
        try:
            pid = int((self.folder / "pid").read_text())
            os.kill(pid, signal.SIGKILL)
        except (OSError, ValueError, TypeError, AttributeError):
            pass
        if self.slot is not None:
            sandbox._kill_uid(self.slot.uid)

    def stop(self):
        if self.browser is not None:
            with contextlib.suppress(Exception):  # already dead
                self.browser.close()
        if self.playwright is not None:
            with contextlib.suppress(Exception):
                self.playwright.stop()
        self.kill()
        if self.slot is not None:
            self.slot.__exit__(None, None, None)
        if self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)
        self.playwright = self.browser = self.slot = self.folder = self.spare = None

    def memory_bytes(self):
        """Resident memory of the browser's processes (for the benchmark)."""
        if self.slot is None:
            return 0
        total = 0
        for pid_dir in Path("/proc").iterdir():
            if not pid_dir.name.isdigit():
                continue
            try:
                if pid_dir.stat().st_uid != self.slot.uid:
                    continue
                for line in (pid_dir / "status").read_text().splitlines():
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1]) * 1024
            except (OSError, ValueError):
                continue
        return total


BROWSER = _Browser()


def axe_source():
    """axe-core, as bundled by axe-playwright-python (a dependency: no download, no CDN)."""
    global _AXE
    if _AXE is None:
        import axe_playwright_python

        _AXE = (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text()
    return _AXE


_AXE = None


BLANK = "__tremplin_blank__.html"


def _new_session(browser, timeout_s, width, height):
    context = browser.new_context(
        viewport={"width": width, "height": height},
        service_workers="block",
        accept_downloads=False,
        locale="fr-FR",
        timezone_id="Europe/Paris",
        reduced_motion="reduce",
    )
    page = context.new_page()
    session = PageSession(page=page, files={BLANK: b"<!DOCTYPE html><title></title>"})
    context.route("**/*", session._route)
    page.on("dialog", session._dialog)
    page.on("crash", session._crash)
    page.on("framenavigated", session._navigated)
    page.on("pageerror", lambda error: len(session.errors) < 20 and session.errors.append(str(error)[:300]))
    return context, session


def _prepare():
    if BROWSER.spare is not None:
        return
    browser = BROWSER.get()
    context, session = _new_session(browser, 10, 1280, 800)
    try:
        session.page.goto(session.url(BLANK), timeout=10_000)
    except Exception:  # noqa: BLE001 - a spare is an optimisation only
        context.close()
        return
    BROWSER.spare = (context, session)


def prepare(wait=True):
    """Make the next use fast: a fresh context with its page already open on a blank document of
    the exercise origin (a new renderer process costs ~150 ms). Workers call it between gradings."""
    future = BROWSER.submit(_prepare)
    if wait:
        try:
            future.result(timeout=30)
        except Exception:  # noqa: BLE001 - an optimisation: the next use starts what it needs
            log.warning("Could not prepare a browser page", exc_info=True)


def prepare_if_started():
    """Between gradings: prepare only where this process already uses a browser."""
    if BROWSER.browser is not None and BROWSER.owner == os.getpid():
        prepare(wait=False)


@contextmanager
def _open_page(files, *, timeout_s, width=1280, height=800):
    """In the browser thread: a fresh context and page serving `files`; yields a PageSession."""
    context = None
    try:
        for attempt in (1, 2):
            spare, BROWSER.spare = BROWSER.spare, None
            try:
                if spare is not None and not spare[1].crashed:
                    context, session = spare
                    session.page.set_viewport_size({"width": width, "height": height})
                else:
                    context, session = _new_session(BROWSER.get(), timeout_s, width, height)
                break
            except Exception:  # noqa: BLE001 - the browser died since its last use: start another once
                context = None
                BROWSER.stop()
                if attempt == 2:
                    raise
        context.set_default_timeout(timeout_s * 1000)
        context.set_default_navigation_timeout(timeout_s * 1000)
        session.files = files
        yield session
    finally:
        started = time.monotonic()
        try:
            if context is not None:
                context.close()
        except Exception:  # noqa: BLE001 - a wedged or killed browser: start afresh next time
            BROWSER.stop()
        if time.monotonic() - started > 5:
            BROWSER.stop()


def run(job, files, *, timeout_s, width=1280, height=800):
    """job(session) in a fresh page serving `files` ({name: str or bytes}), in the browser thread.

    Each browser call waits at most `timeout_s`; the whole job at most twice that plus 10 s,
    after which the browser is killed (PageTimeout) and the next job starts another.
    Raises BrowserUnavailable, PageTimeout, PageCrashed, or what the job raises.
    """
    language = translation.get_language()

    def task():
        with (
            translation.override(language),
            _open_page(files, timeout_s=timeout_s, width=width, height=height) as session,
        ):
            return job(session)

    future = BROWSER.submit(task)
    try:
        return future.result(timeout=timeout_s * 2 + 10)
    except FutureTimeout:
        log.warning("Browser job outlived its deadline: killing the browser")
        BROWSER.kill()
        try:
            future.result(timeout=10)
        except FutureTimeout:
            BROWSER.abandon()
        except Exception:  # noqa: BLE001 - the kill made it fail, as intended
            pass
        raise PageTimeout("killed") from None
