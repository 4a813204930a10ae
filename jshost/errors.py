"""Exceptions raised by jshost, and Segment's error categories.

Python-side exceptions form one hierarchy::

    JSHostError                      base of everything jshost raises
    ├── InputError                   bad input handed to jshost (a file, JSON, a flag)
    ├── FunctionLoadError            user code could not be loaded
    │   ├── FunctionSyntaxError      the file does not parse (file:line:col in the message)
    │   ├── TopLevelError            top-level code threw while it ran
    │   └── NoHandlerError           no onRequest / on<Event> / exports.processEvents found
    ├── EngineError                  the QuickJS context failed, not the user's code
    │   ├── ExecutionInterrupted     a turn ran past its deadline (CPU limit hit)
    │   ├── OutOfMemory              the context hit its memory limit
    │   └── StackExhausted           the native stack overflowed
    └── ConfigError                  invalid configuration (settings, limits, mock rules)

An error thrown *by the user's function* is not a Python exception: it is part of
the :class:`jshost.result.Result` (``result.error``), categorised with Segment's
error types below, exactly as Segment reports it in its error log.
"""

from __future__ import annotations

from enum import Enum


class ErrorType(str, Enum):
    """Segment's error categories (docs 004, "Error types"; RUNTIME-FACTS "Error classes")."""

    BAD_REQUEST = "Bad Request"
    INVALID_SETTINGS = "Invalid Settings"
    MESSAGE_REJECTED = "Message Rejected"
    UNSUPPORTED_EVENT_TYPE = "Unsupported Event Type"
    RETRY = "Retry"
    TIMEOUT = "Timeout"

    @property
    def retryable(self) -> bool:
        """Segment retries only Retry and Timeout (RUNTIME-FACTS, "Error classes")."""
        return self in (ErrorType.RETRY, ErrorType.TIMEOUT)


class JSHostError(Exception):
    """Base class of every exception jshost raises."""


class InputError(JSHostError):
    """Input handed to jshost is unusable: a missing file, invalid JSON, a bad flag value."""


class ConfigError(JSHostError):
    """Configuration is invalid: settings, limits, mock-fetch rules, instance definitions."""


class FunctionLoadError(JSHostError):
    """User code could not be loaded into a runtime.

    ``name``/``message``/``stack`` describe the JavaScript error when there is one.
    """

    def __init__(self, message: str, *, name: str = "Error", js_message: str | None = None,
                 stack: str = "") -> None:
        super().__init__(message)
        self.name = name
        self.js_message = js_message if js_message is not None else message
        self.stack = stack


class FunctionSyntaxError(FunctionLoadError):
    """The function file does not parse; the message names file, line and column."""


class TopLevelError(FunctionLoadError):
    """The function's top-level code threw while it ran."""


class NoHandlerError(FunctionLoadError):
    """The code defines none of the entry points Segment looks for."""


class EngineError(JSHostError):
    """The QuickJS context failed; the slot that raised it is discarded."""


class ExecutionInterrupted(EngineError):
    """JavaScript ran past the invocation deadline and was interrupted."""


class OutOfMemory(EngineError):
    """The context exceeded its memory limit."""


class StackExhausted(EngineError):
    """Recursion exhausted the context's stack."""
