#!/usr/bin/env python3
"""Drives a command through a real pseudo-terminal, the way a person at the keyboard would.

The command gets a new session whose controlling terminal is the pty (stdin, stdout and stderr
too), so what it reads from /dev/tty with echo off is typed here and never echoed. A dialog file
says what to wait for and what to type; nothing is typed before the text it waits for has been
shown (a secret prompt flushes earlier input, as getpass does). Every wait has a timeout: a
prompt that never comes fails the session quickly instead of hanging the test suite.

usage: pty_session.py [--timeout SECONDS] [--screen FILE] DIALOG -- COMMAND [ARG...]

Dialog lines (blank lines and lines starting with '#' are skipped); the argument is everything
after the first space, taken literally:
  expect TEXT          wait until TEXT is shown after the previous match
  expect-re REGEX      the same with a Python regular expression; its named groups are kept
  type TEXT            type TEXT and Enter ("type" alone is an empty answer)
  type-group NAME      type the text the last expect-re captured as group NAME, and Enter
  type-secret FILE     type the first line of FILE and Enter (a passphrase never in the dialog)
  eof                  wait until the command closes the terminal (implied after the last line)

The screen (output with carriage returns removed) goes to --screen. The exit status is the
command's (128+N after signal N); 124 when a wait timed out (the command is then killed), 125
for a dialog that cannot be followed (an unknown line, a group never captured).
"""

import argparse
import codecs
import os
import pty
import re
import select
import signal
import sys
import time

TIMED_OUT = 124
BAD_DIALOG = 125


class SessionError(Exception):
    def __init__(self, status, message):
        super().__init__(message)
        self.status = status


class Session:
    def __init__(self, argv, timeout, screen_path):
        self.timeout = timeout
        self.screen = ""  # everything shown, carriage returns removed
        self.position = 0  # where the next expect starts looking
        self.groups = {}
        self.closed = False
        self.status = None
        self.screen_file = open(screen_path, "w", encoding="utf-8") if screen_path else None
        # A read may end inside a UTF-8 sequence ("Ø" is two bytes): decode across reads.
        self.decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
        self.pid, self.fd = pty.fork()
        if self.pid == 0:  # the child: a session leader on the pty's slave side
            try:
                os.execvp(argv[0], argv)
            finally:
                os._exit(127)

    def _read(self, deadline):
        """Reads what the command shows until `deadline`; False when nothing came in time."""
        wait = deadline - time.monotonic()
        if wait <= 0:
            return False
        ready, _, _ = select.select([self.fd], [], [], wait)
        if not ready:
            return False
        try:
            data = os.read(self.fd, 4096)
        except OSError:  # EIO: every process holding the slave side has closed it
            data = b""
        if not data:
            self.closed = True
            return True
        text = self.decoder.decode(data).replace("\r", "")
        self.screen += text
        if self.screen_file:
            self.screen_file.write(text)
            self.screen_file.flush()
        return True

    def _fail_waiting(self, what):
        tail = self.screen[-1500:]
        raise SessionError(TIMED_OUT, f"no {what} within {self.timeout:g} s; the screen ends:\n{tail}")

    def expect(self, pattern, what):
        deadline = time.monotonic() + self.timeout
        while True:
            match = pattern.search(self.screen, self.position)
            if match:
                self.position = match.end()
                self.groups.update({k: v for k, v in match.groupdict().items() if v is not None})
                return
            if self.closed:
                raise SessionError(TIMED_OUT, f"the command ended before {what}; the screen ends:\n"
                                   + self.screen[-1500:])
            if not self._read(deadline):
                self._fail_waiting(what)

    def type(self, text):
        data = text.encode("utf-8") + b"\r"  # Enter, as a keyboard sends it (the tty maps it to \n)
        while data:
            written = os.write(self.fd, data)
            data = data[written:]

    def wait_for_end(self):
        deadline = time.monotonic() + self.timeout
        while not self.closed:
            if not self._read(deadline):
                self._fail_waiting("end of the command")
        while time.monotonic() < deadline:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.status = os.waitstatus_to_exitcode(status)
                return self.status if self.status >= 0 else 128 - self.status
            time.sleep(0.02)
        self._fail_waiting("exit status after the terminal closed")

    def kill(self):
        """Ends the command this session started (its own process group) and reaps it."""
        if self.status is not None:
            return
        for sig in (signal.SIGTERM, signal.SIGKILL):
            try:
                os.killpg(self.pid, sig)
            except ProcessLookupError:
                pass
            deadline = time.monotonic() + 2
            while time.monotonic() < deadline:
                if os.waitpid(self.pid, os.WNOHANG)[0]:
                    self.status = -sig
                    return
                time.sleep(0.05)


def load_dialog(path):
    steps = []
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            verb, _, argument = line.partition(" ")
            if verb not in ("expect", "expect-re", "type", "type-group", "type-secret", "eof"):
                raise SessionError(BAD_DIALOG, f"{path}:{number}: unknown dialog line: {line}")
            if verb == "expect-re":
                try:
                    argument = re.compile(argument)
                except re.error as e:
                    raise SessionError(BAD_DIALOG, f"{path}:{number}: {e}")
            elif verb == "expect":
                argument = re.compile(re.escape(argument))
            steps.append((number, verb, argument, line))
    return steps


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--timeout", type=float, default=20, help="seconds for each wait")
    parser.add_argument("--screen", help="where the screen is written")
    parser.add_argument("dialog")
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command:
        parser.error("no command after --")
    try:
        dialog = load_dialog(args.dialog)
    except SessionError as e:
        print(f"pty_session: {e}", file=sys.stderr)
        return e.status
    session = Session(command, args.timeout, args.screen)
    try:
        for number, verb, argument, line in dialog:
            where = f"{args.dialog}:{number}"
            if verb in ("expect", "expect-re"):
                session.expect(argument, f"match for {line!r} ({where})")
            elif verb == "type":
                session.type(argument)
            elif verb == "type-group":
                if argument not in session.groups:
                    raise SessionError(BAD_DIALOG, f"{where}: no group {argument} was captured")
                session.type(session.groups[argument])
            elif verb == "type-secret":
                with open(argument, encoding="utf-8") as f:
                    session.type(f.readline().rstrip("\n"))
            elif verb == "eof":
                break
        return session.wait_for_end()
    except SessionError as e:
        print(f"pty_session: {e}", file=sys.stderr)
        session.kill()
        return e.status
    finally:
        session.kill()
        os.close(session.fd)


if __name__ == "__main__":
    sys.exit(main())
