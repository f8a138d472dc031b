"""The quote finders share one ``Scan`` instead of up to 11 arguments (issue 14.13)."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import storyline.analyze.quotes as quotes

MAX_PARAMS = 8


def test_no_function_in_quotes_takes_more_than_eight_parameters() -> None:
    long = []
    for info in pkgutil.iter_modules(quotes.__path__):
        module = importlib.import_module(f"{quotes.__name__}.{info.name}")
        for name, fn in inspect.getmembers(module, inspect.isfunction):
            if fn.__module__ == module.__name__:
                n = len(inspect.signature(fn).parameters)
                if n > MAX_PARAMS:
                    long.append(f"{info.name}.{name}: {n}")
    assert long == []


def test_finders_take_the_scan() -> None:
    from storyline.analyze.quotes import attitude, colon, direct, indirect, nominal

    for fn in (direct.find_direct, indirect.find_indirect, colon.find_colon,
               attitude.find_attitudes, nominal.find_nominal):
        assert list(inspect.signature(fn).parameters) == ["scan"], fn.__name__
