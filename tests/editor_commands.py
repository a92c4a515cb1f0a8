"""Run an editor's ``invoke`` command in the test's own process, through invoke's own program.

A command in a process of its own first spends about half a second importing
Pelican, Babel, Jinja and Markdown, and the tests of editors' mistakes and of
the guide run some two hundred commands. What they check is what a command
prints and its exit status, which the same program gives in this process too.
A few tests still run the command in a process of its own, for what only a
real process shows (its exit status as the shell sees it, nothing printed by
an exception that escaped).
"""

import contextlib
import io
import locale
import logging
import os
import sys

from invoke.main import program
from pelican.log import LimitFilter

from site_data.messages import LANGUAGE_VARIABLE

# The modules of a site's own folder.
OWN_MODULES = ("tasks", "pelicanconf", "publishconf")


def editor_environment(**extra):
    """Return the environment an editor runs commands in: no $THRACE_LANG (so Bulgarian), plus ``extra``."""
    return {**{name: value for name, value in os.environ.items() if name != LANGUAGE_VARIABLE}, **extra}


def invoke_here(root, *args, env=None):
    """Run ``invoke ARGS`` in ``root`` as the command line does; return (exit status, stdout + stderr)."""
    status, stdout, stderr = invoke_here_apart(root, *args, env=env)
    return status, stdout + stderr


def invoke_here_apart(root, *args, env=None):
    """Run ``invoke ARGS`` in ``root`` as the command line does; return (exit status, stdout, stderr)."""
    stdout, stderr = io.StringIO(), io.StringIO()
    # In a process of its own nothing handles the log, so Python's last resort prints
    # warnings and errors on stderr; here the test run's handlers would take them.
    last_resort = logging.StreamHandler(stderr)
    last_resort.setLevel(logging.WARNING)
    # tasks.py, and publishconf.py's `from pelicanconf import *`, are the site copy's: a fresh process imports them anew.
    saved = (list(sys.path), os.getcwd(), dict(os.environ), {name: sys.modules.pop(name, None) for name in OWN_MODULES})
    # Pelican sets the locale from the environment; the test process keeps its own.
    saved_locale = locale.setlocale(locale.LC_ALL)
    # Pelican shows a warning once per process: a fresh process has shown none.
    LimitFilter._raised_messages.clear()
    LimitFilter._group_count.clear()
    environment = editor_environment() if env is None else env
    os.environ.clear()
    os.environ.update(environment)
    os.chdir(root)
    logging.getLogger().addHandler(last_resort)
    try:
        with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
            try:
                program.run(["invoke", *args])
                status = 0
            except SystemExit as stop:
                # sys.exit("text") prints the text and exits with 1, as the interpreter does.
                status = stop.code if isinstance(stop.code, int) else 0 if stop.code is None else 1
                if isinstance(stop.code, str):
                    print(stop.code, file=sys.stderr)
    finally:
        logging.getLogger().removeHandler(last_resort)
        locale.setlocale(locale.LC_ALL, saved_locale)
        sys.path[:], (_path, cwd, environ, modules) = saved[0], saved
        os.chdir(cwd)
        os.environ.clear()
        os.environ.update(environ)
        for name, module in modules.items():
            sys.modules.pop(name, None)
            if module is not None:
                sys.modules[name] = module
    return status, stdout.getvalue(), stderr.getvalue()
