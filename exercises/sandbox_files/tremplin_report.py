"""pytest plugin run inside the sandbox: reports each test on a dedicated file descriptor.

The parent reads this channel, never the program's output. Each record carries the nonce
read from another descriptor when pytest starts, before any learner code is imported.
"""

import json
import os


class _Reporter:
    def __init__(self, report_fd, nonce_fd):
        self._nonce = os.read(nonce_fd, 128).decode()
        os.close(nonce_fd)
        self._out = os.fdopen(report_fd, "w", buffering=1, encoding="utf-8")
        os.set_inheritable(report_fd, False)
        self._docs = {}

    def emit(self, **record):
        record["nonce"] = self._nonce
        self._out.write(json.dumps(record, ensure_ascii=False) + "\n")
        self._out.flush()

    def pytest_collection_modifyitems(self, items):
        for item in items:
            doc = getattr(getattr(item, "function", None), "__doc__", None) or ""
            self._docs[item.nodeid] = doc.strip().splitlines()[0] if doc.strip() else ""

    def pytest_collectreport(self, report):
        if report.failed:
            self.emit(event="collect_error", nodeid=report.nodeid, message=_message(report))

    def pytest_runtest_logreport(self, report):
        if report.when == "call" or (report.when == "setup" and not report.passed):
            self.emit(
                event="test",
                nodeid=report.nodeid,
                doc=self._docs.get(report.nodeid, ""),
                outcome="skipped" if report.skipped else "error" if report.when == "setup" else report.outcome,
                message=_message(report) if not report.passed else "",
                stdout=report.capstdout[-4000:] if report.capstdout else "",
            )

    def pytest_sessionfinish(self, session, exitstatus):
        self.emit(event="end", exitstatus=int(exitstatus), collected=session.testscollected)


def _message(report):
    crash = getattr(getattr(report, "longrepr", None), "reprcrash", None)
    if crash is not None:
        return crash.message[:4000]
    return str(report.longrepr)[-4000:]


def pytest_addoption(parser):
    parser.addoption("--report-fd", type=int)
    parser.addoption("--nonce-fd", type=int)


def pytest_configure(config):
    report_fd = config.getoption("report_fd")
    if report_fd is not None:
        config.pluginmanager.register(_Reporter(report_fd, config.getoption("nonce_fd")), "tremplin-reporter")
