# SPDX-License-Identifier: MIT
"""The exceptions of the package, one per jx_result code that is an error."""


class JixiaoError(Exception):
    """A call into libjixiao failed.

    Attributes:
        code: the jx_result number (1 no memory, 2 I/O, 3 input, 4 usage, 5 not found,
            6 limit).
        diagnostics: the Diagnostic objects saying why, in the order found (may be empty).
        result: what the call produced before or despite the failure, when it went on
            past it: the ScoreResult of score() (the projects that were scored), the
            Report of vet() and audit(); None otherwise.
    """

    code = None

    def __init__(self, message, diagnostics=(), result=None, code=None):
        super().__init__(message)
        if code is not None:
            self.code = code
        self.diagnostics = list(diagnostics)
        self.result = result

    @property
    def errors(self):
        """The diagnostics of severity "error"."""
        return [d for d in self.diagnostics if d.severity == "error"]


class OutOfMemoryError(JixiaoError):
    """JX_ERR_NOMEM: the allocator returned NULL."""

    code = 1


class FileError(JixiaoError):
    """JX_ERR_IO: a file could not be opened, read or written."""

    code = 2


class InputError(JixiaoError):
    """JX_ERR_INPUT: the input has errors (a rule text that does not parse, a malformed table, …)."""

    code = 3


class UsageError(JixiaoError):
    """JX_ERR_USAGE: an argument is invalid (an unknown encoding, a bad option)."""

    code = 4


class NotFoundError(JixiaoError):
    """JX_ERR_NOTFOUND: a named policy or file does not exist."""

    code = 5


class LimitError(JixiaoError):
    """JX_ERR_LIMIT: a documented limit was passed (docs/limits.md)."""

    code = 6


_BY_CODE = {c.code: c for c in (OutOfMemoryError, FileError, InputError, UsageError, NotFoundError, LimitError)}


def error_class(code):
    """The exception class of jx_result code (JixiaoError for one without its own)."""
    return _BY_CODE.get(code, JixiaoError)
