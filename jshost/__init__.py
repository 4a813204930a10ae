"""jshost: run unmodified Segment Functions JavaScript from Python.

Load a function file, deploy it with settings, invoke it::

    import asyncio, jshost

    fn = jshost.load_function("handler.js")
    async def main():
        async with fn.instance({"apiKey": "..."}) as instance:
            result = await instance.invoke_source(jshost.SourceRequest(body={"name": "Jane"}))
            print(result.events, result.error)
    asyncio.run(main())

See docs/python-api.md.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from .config import EgressPolicy, Limits
from .errors import (
    ConfigError,
    EngineError,
    ErrorType,
    FunctionLoadError,
    FunctionSyntaxError,
    InputError,
    JSHostError,
    NoHandlerError,
    TopLevelError,
)
from .function import Function, FunctionInstance
from .inputs import SourceRequest
from .result import ErrorInfo, LogLine, Result

__version__ = "0.1.0"


def load_function(path: str | Path, *, limits: Limits | None = None,
                  libraries: Mapping[str, str] | None = None) -> Function:
    """Load and check a function file (see :meth:`Function.load`); ``libraries`` adds npm packages
    of the function's own: ``{"dayjs": "dayjs@1.11.10"}``."""
    return Function.load(path, limits=limits, libraries=libraries)


def function_from_source(source: str, filename: str = "handler.js", *, limits: Limits | None = None,
                         libraries: Mapping[str, str] | None = None) -> Function:
    """Load a function from source text; ``filename`` is what stack traces show."""
    return Function(source, filename, limits=limits, libraries=libraries)


__all__ = [
    "ConfigError", "EgressPolicy", "EngineError", "ErrorInfo", "ErrorType", "Function", "FunctionInstance",
    "FunctionLoadError", "FunctionSyntaxError", "InputError", "JSHostError", "Limits", "LogLine",
    "NoHandlerError", "Result", "SourceRequest", "TopLevelError", "function_from_source", "load_function",
]
