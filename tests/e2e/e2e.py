# SPDX-License-Identifier: GPL-3.0-or-later
"""Shared helpers of the end-to-end tests: start the real glossator binary on
a temporary corpus, drive it with xdotool like a person, read it through
AT-SPI, report in TAP."""

import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import traceback

HERE = os.path.dirname(os.path.abspath(__file__))
HEADLESS = os.path.join(os.path.dirname(HERE), "run-headless.sh")

# G_DEBUG=fatal-warnings is for the app under test; in this process it would
# turn libatspi's harmless warnings (a cache not there yet) into a crash.
APP_G_DEBUG = os.environ.pop("G_DEBUG", None)


def ensure_display():
    """Without a display, run this very script again under run-headless.sh."""
    if os.environ.get("DISPLAY"):
        return
    os.execv(HEADLESS, [HEADLESS, sys.executable, os.path.abspath(sys.argv[0]), *sys.argv[1:]])


class Tap:
    def __init__(self, plan):
        self.plan = plan
        self.n = 0
        self.failed = 0
        print(f"1..{plan}", flush=True)

    def check(self, ok, description, diagnostic=None):
        self.n += 1
        print(f"{'ok' if ok else 'not ok'} {self.n} - {description}", flush=True)
        if not ok:
            self.failed += 1
            if diagnostic is not None:
                for line in str(diagnostic).splitlines():
                    print(f"# {line}", flush=True)
        return ok

    def skip(self, description, reason):
        self.n += 1
        print(f"ok {self.n} - {description} # SKIP {reason}", flush=True)
        return True

    def equal(self, got, expected, description):
        return self.check(got == expected, description, f"got:      {got!r}\nexpected: {expected!r}")

    def bail(self, message):
        print(f"Bail out! {message}", flush=True)
        sys.exit(1)

    def finish(self):
        while self.n < self.plan:
            self.check(False, "not reached")
        return 1 if self.failed else 0


# Under AddressSanitizer the app and AT-SPI are several times slower: walking the
# accessible tree can outlast a toast, so the checks that read one are skipped
# there (they run in the normal build); what the toast reports is checked on disk.
SANITIZED = "ASAN_OPTIONS" in os.environ
TOAST_LOG = re.compile(r"^glossator-window-INFO: [0-9:.]+: toast: (.*)$")


def xdotool(*args, check=True):
    result = subprocess.run(["xdotool", *map(str, args)], capture_output=True, text=True, timeout=60)
    if check and result.returncode != 0:
        raise RuntimeError(f"xdotool {' '.join(map(str, args))}: {result.stderr.strip()}")
    return result.stdout.strip()


def keys(*names, delay=0.08):
    """Presses keys one after the other, as a person would."""
    for name in names:
        xdotool("key", "--clearmodifiers", name)
        time.sleep(delay)


def screenshot(path):
    subprocess.run(["import", "-window", "root", path], check=False, timeout=60)


SETTINGS_GROUP = "io/github/glossator/Glossator"


def gvariant_string(value):
    """A string as GVariant text, as the keyfile settings backend stores it."""
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"


class App:
    """The glossator binary started on some paths, with private settings of
    its own (a keyfile in a fresh folder: nothing carries over from one
    start to the next) and the build's schema. An annotator's name is set,
    as after the first start's prompt; annotator=None leaves it unset;
    settings adds other keys."""

    def __init__(self, binary, paths, workdir, annotator="E2E Tester", settings=None):
        self.binary = binary
        env = dict(os.environ)
        env.pop("GTK_A11Y", None)
        if APP_G_DEBUG is not None:
            env["G_DEBUG"] = APP_G_DEBUG
        os.makedirs(workdir, exist_ok=True)
        config = tempfile.mkdtemp(prefix=".settings-", dir=workdir)
        self.keyfile = os.path.join(config, "glib-2.0", "settings", "keyfile")
        os.makedirs(os.path.dirname(self.keyfile))
        with open(self.keyfile, "w", encoding="utf-8") as f:
            f.write("[%s]\n" % SETTINGS_GROUP)
            if annotator is not None:
                f.write("annotator=%s\n" % gvariant_string(annotator))
            # Other keys, as GVariant text: {"key": "value in GVariant text"}.
            for key, value in (settings or {}).items():
                f.write("%s=%s\n" % (key, value))
        env["GSETTINGS_BACKEND"] = "keyfile"
        env["XDG_CONFIG_HOME"] = config
        if "GSETTINGS_SCHEMA_DIR" not in env:
            # build/src/gui/glossator → build/data
            env["GSETTINGS_SCHEMA_DIR"] = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(
                os.path.abspath(binary)))), "data")
        env.setdefault("GDK_BACKEND", "x11")
        # The window logs every toast's text (see toasts()).
        env["G_MESSAGES_DEBUG"] = "glossator-window"
        self.log_path = os.path.join(workdir, "glossator.log")
        self.log = open(self.log_path, "w")
        self.process = subprocess.Popen([binary, *paths], env=env, stdout=self.log, stderr=subprocess.STDOUT)
        self.window = None

    def wait_window(self, name_regex, timeout=30):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"glossator exited early with status {self.process.returncode}")
            result = subprocess.run(["xdotool", "search", "--onlyvisible", "--name", name_regex],
                                    capture_output=True, text=True, timeout=30)
            ids = result.stdout.split()
            if ids:
                self.window = ids[0]
                return self.window
            time.sleep(0.1)
        raise RuntimeError(f"no window named /{name_regex}/ after {timeout} s")

    def window_name(self):
        return xdotool("getwindowname", self.window, check=False)

    def geometry(self):
        out = xdotool("getwindowgeometry", "--shell", self.window)
        values = dict(line.split("=", 1) for line in out.splitlines() if "=" in line)
        return int(values["X"]), int(values["Y"]), int(values["WIDTH"]), int(values["HEIGHT"])

    def focus(self):
        xdotool("windowfocus", "--sync", self.window, check=False)

    def click(self, x, y):
        """Clicks at window coordinates."""
        wx, wy, _, _ = self.geometry()
        xdotool("mousemove", "--sync", wx + x, wy + y)
        time.sleep(0.1)
        xdotool("click", "1")
        time.sleep(0.2)

    def resize(self, width, height):
        xdotool("windowsize", "--sync", self.window, width, height, check=False)

    def wait_exit(self, timeout=30):
        try:
            return self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            return None

    def output(self):
        if not self.log.closed:
            self.log.flush()
        with open(self.log_path, encoding="utf-8", errors="replace") as f:
            return f.read()

    def toasts(self):
        """The text of every toast shown so far, in order (the window logs
        each one): a toast lasts seconds, which AT-SPI can miss under load."""
        found = []
        for line in self.output().splitlines():
            match = TOAST_LOG.search(line)
            if match:
                found.append(match.group(1))
        return found

    def wait_toast(self, predicate, timeout=20, after=0):
        """The first toast from the @after-th on whose text satisfies
        predicate, waiting up to @timeout s; None when none came."""
        deadline = time.monotonic() + timeout
        while True:
            for text in self.toasts()[after:]:
                if predicate(text):
                    return text
            if time.monotonic() >= deadline or self.process.poll() is not None:
                return None
            time.sleep(0.1)

    def kill(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()


# AT-SPI: what a screen reader would see.

def atspi():
    import gi
    gi.require_version("Atspi", "2.0")
    from gi.repository import Atspi
    Atspi.set_timeout(800, 800)
    return Atspi


def find_application(name="glossator", timeout=20):
    Atspi = atspi()
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        desktop = Atspi.get_desktop(0)
        for i in range(desktop.get_child_count()):
            app = desktop.get_child_at_index(i)
            try:
                if app is not None and app.get_name() == name:
                    return app
            except Exception:
                pass
        time.sleep(0.2)
    return None


def texts(root, limit=6000):
    """(role name, accessible name, text) of every node under root. GTK 4.8
    reports no SHOWING state, so hidden stack pages are included: look for
    strings only the state under test can produce."""
    Atspi = atspi()
    found = []
    stack = [root]
    while stack and len(found) < limit:
        node = stack.pop()
        try:
            role = node.get_role_name()
            name = node.get_name() or ""
            text = ""
            # Labels carry their text; the article itself is not needed.
            if role == "label" and "Text" in (node.get_interfaces() or []):
                try:
                    text = Atspi.Text.get_text(node, 0, -1) or ""
                except Exception:
                    text = ""
            found.append((role, name, text))
            for i in range(node.get_child_count() - 1, -1, -1):
                child = node.get_child_at_index(i)
                if child is not None:
                    stack.append(child)
        except Exception:
            continue
    return found


def wait_for_text(app_node, predicate, timeout=20):
    """Polls the accessible tree until some node's name or text satisfies
    predicate; returns it or None."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for role, name, text in texts(app_node):
            for value in (name, text):
                if value and predicate(value):
                    return value
        time.sleep(0.25)
    return None


def make_workdir(prefix):
    return tempfile.mkdtemp(prefix=prefix)


def cleanup(path):
    shutil.rmtree(path, ignore_errors=True)


def report_exception(tap, app=None):
    tap.check(False, "unexpected error", traceback.format_exc())
    if app is not None:
        print("# glossator output:", flush=True)
        for line in app.output().splitlines()[-60:]:
            print(f"#   {line}", flush=True)


def close(tap, app, workdir):
    """Stops the app; keeps the work folder and shows the app's output when
    a check failed, removes the folder otherwise."""
    app.kill()
    if tap.failed:
        print("# glossator output:")
        for line in app.output().splitlines()[-40:]:
            print(f"#   {line}")
    else:
        cleanup(workdir)
