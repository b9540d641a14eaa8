# SPDX-License-Identifier: GPL-3.0-or-later
#
# A small TAP writer for the packaging tests: each check is one test point, a failing check
# prints its diagnostics as "#" lines and the script exits non-zero.

import sys
import traceback


class Tap:
    def __init__(self):
        self.count = 0
        self.failed = 0

    def check(self, name, func, *args):
        """Run func(*args); an AssertionError fails the point, Skip skips it."""
        self.count += 1
        try:
            func(*args)
        except Skip as e:
            print(f"ok {self.count} - {name} # SKIP {e}")
        except AssertionError as e:
            self.failed += 1
            print(f"not ok {self.count} - {name}")
            for line in str(e).splitlines() or ["assertion failed"]:
                print(f"# {line}")
        except Exception:
            self.failed += 1
            print(f"not ok {self.count} - {name}")
            for line in traceback.format_exc().splitlines():
                print(f"# {line}")
        else:
            print(f"ok {self.count} - {name}")
        sys.stdout.flush()

    def bail_out(self, reason):
        print(f"Bail out! {reason}")
        sys.exit(1)

    def finish(self):
        print(f"1..{self.count}")
        sys.exit(1 if self.failed else 0)


class Skip(Exception):
    pass
