# SPDX-License-Identifier: MIT
"""Finding and loading libjixiao, and the C declarations the package calls (ctypes).

The library is looked for, in order:

1. the environment variable JIXIAO_LIBRARY: the path of the library file, or of a
   folder holding libjixiao.so.0 / libjixiao.so (a build folder);
2. this package's own folder;
3. ctypes.util.find_library("jixiao"), then the names libjixiao.so.0 and libjixiao.so
   as the dynamic loader finds them (LD_LIBRARY_PATH, the system's folders).

It is loaded once, on the first call that needs it, so importing the package never fails
for want of it.
"""

import ctypes
import ctypes.util
import os
import sys
import threading

# The file names a build or an installation gives the shared library.
if sys.platform == "darwin":
    _NAMES = ("libjixiao.0.dylib", "libjixiao.dylib")
elif sys.platform == "win32":
    _NAMES = ("jixiao.dll", "libjixiao.dll")
else:
    _NAMES = ("libjixiao.so.0", "libjixiao.so")

ENV = "JIXIAO_LIBRARY"

# jx_result
OK = 0
ERR_NOMEM = 1
ERR_IO = 2
ERR_INPUT = 3
ERR_USAGE = 4
ERR_NOTFOUND = 5
ERR_LIMIT = 6
ROW = 100
DONE = 101

# jx_severity
SEV_NOTE = 0
SEV_WARNING = 1
SEV_ERROR = 2

# jx_format
FORMAT_JSON = 1

# jx_import_weights
IMPORT_WEIGHTS_NONE = 0
IMPORT_WEIGHTS_EQUAL = 1
IMPORT_WEIGHTS_UNSET = 2

# jx_audit_by
AUDIT_BY_NONE = 0
AUDIT_BY_ORG = 1
AUDIT_BY_DEPT = 2

# flags of jx_audit_add, jx_audit_writer_project, jx_vet_add, jx_vet_writer_project
AUDIT_IMPORTED = 1


class Diag(ctypes.Structure):
    """struct jx_diag."""

    _fields_ = [
        ("severity", ctypes.c_int),
        ("code", ctypes.c_char_p),
        ("message", ctypes.c_char_p),
        ("file", ctypes.c_char_p),
        ("line", ctypes.c_uint32),
        ("column", ctypes.c_uint32),
        ("width", ctypes.c_uint32),
        ("source_line", ctypes.c_char_p),
        ("source_column", ctypes.c_uint32),
    ]


class TableOptions(ctypes.Structure):
    """struct jx_table_options."""

    _fields_ = [("size", ctypes.c_size_t), ("encoding", ctypes.c_char_p), ("sheet", ctypes.c_char_p)]


class ImportOptions(ctypes.Structure):
    """struct jx_import_options."""

    _fields_ = [
        ("size", ctypes.c_size_t),
        ("format", ctypes.c_char_p),
        ("encoding", ctypes.c_char_p),
        ("weights", ctypes.c_int),
        ("policy", ctypes.c_char_p),
        ("sheet", ctypes.c_char_p),
    ]


class AuditOptions(ctypes.Structure):
    """struct jx_audit_options."""

    _fields_ = [
        ("size", ctypes.c_size_t),
        ("min_severity", ctypes.c_int),
        ("sample_count", ctypes.c_uint32),
        ("sample_bp", ctypes.c_uint32),
        ("seed", ctypes.c_uint64),
        ("by", ctypes.c_int),
        ("weight_funds", ctypes.c_int),
        ("include_flagged", ctypes.c_int),
    ]


class VetOptions(ctypes.Structure):
    """struct jx_vet_options."""

    _fields_ = [("size", ctypes.c_size_t), ("min_severity", ctypes.c_int)]


# typedef size_t (*jx_write_fn)(void *ud, const char *data, size_t len);
WRITE_FN = ctypes.CFUNCTYPE(ctypes.c_size_t, ctypes.c_void_p, ctypes.c_void_p, ctypes.c_size_t)

_vp = ctypes.c_void_p
_pp = ctypes.POINTER(ctypes.c_void_p)
_cs = ctypes.c_char_p
_sz = ctypes.c_size_t
_int = ctypes.c_int
_uint = ctypes.c_uint
_diagp = ctypes.POINTER(Diag)

# name: (result type, argument types). Handles are opaque (void *).
_PROTOTYPES = {
    "jx_version": (_cs, []),
    "jx_strerror": (_cs, [_int]),
    "jx_diag_format": (_sz, [_diagp, ctypes.c_char_p, _sz]),
    "jx_code_name": (_cs, [_cs]),
    "jx_policy_open": (_int, [_pp, _cs, _vp]),
    "jx_policy_open_memory": (_int, [_pp, _cs, _cs, _sz, _vp]),
    "jx_policy_close": (None, [_vp]),
    "jx_policy_name": (_cs, [_vp]),
    "jx_policy_diag_count": (_sz, [_vp]),
    "jx_policy_diag": (_diagp, [_vp, _sz]),
    "jx_policy_builtin_names": (ctypes.POINTER(_cs), []),
    "jx_reader_open": (_int, [_pp, _cs, _vp]),
    "jx_reader_open_memory": (_int, [_pp, _cs, _cs, _sz, _vp]),
    "jx_reader_open_import": (_int, [_pp, _cs, ctypes.POINTER(ImportOptions), _vp]),
    "jx_reader_close": (None, [_vp]),
    "jx_reader_next": (_int, [_vp, _pp]),
    "jx_reader_diag_count": (_sz, [_vp]),
    "jx_reader_diag": (_diagp, [_vp, _sz]),
    "jx_actuals_open_table": (_int, [_pp, _cs, ctypes.POINTER(TableOptions), _vp]),
    "jx_actuals_know": (_int, [_vp, _vp]),
    "jx_actuals_close": (None, [_vp]),
    "jx_actuals_apply": (_int, [_vp, _vp]),
    "jx_actuals_finish": (_int, [_vp]),
    "jx_actuals_diag_count": (_sz, [_vp]),
    "jx_actuals_diag": (_diagp, [_vp, _sz]),
    "jx_score": (_int, [_vp, _vp]),
    "jx_project_name": (_cs, [_vp]),
    "jx_project_file": (_cs, [_vp]),
    "jx_project_line": (ctypes.c_uint32, [_vp]),
    "jx_project_diag_count": (_sz, [_vp]),
    "jx_project_diag": (_diagp, [_vp, _sz]),
    "jx_project_error_count": (_sz, [_vp]),
    "jx_writer_create": (_int, [_pp, _int, _uint, WRITE_FN, _vp, _vp]),
    "jx_writer_project": (_int, [_vp, _vp]),
    "jx_writer_finish": (_int, [_vp]),
    "jx_writer_destroy": (None, [_vp]),
    "jx_import_open": (_int, [_pp, _cs, ctypes.POINTER(ImportOptions), _vp]),
    "jx_import_run": (_int, [_vp, WRITE_FN, _vp]),
    "jx_import_close": (None, [_vp]),
    "jx_import_format": (_cs, [_vp]),
    "jx_import_encoding": (_cs, [_vp]),
    "jx_import_project_count": (_sz, [_vp]),
    "jx_import_indicator_count": (_sz, [_vp]),
    "jx_import_row_count": (_sz, [_vp]),
    "jx_import_skipped_count": (_sz, [_vp]),
    "jx_import_not_understood_count": (_sz, [_vp]),
    "jx_import_diag_count": (_sz, [_vp]),
    "jx_import_diag": (_diagp, [_vp, _sz]),
    "jx_audit_create": (_int, [_pp, _vp, ctypes.POINTER(AuditOptions), _vp]),
    "jx_audit_set_sample_share": (_int, [_vp, ctypes.c_uint32]),
    "jx_audit_add": (_int, [_vp, _vp, _uint]),
    "jx_audit_destroy": (None, [_vp]),
    "jx_audit_writer_create": (_int, [_pp, _vp, _int, WRITE_FN, _vp, _vp]),
    "jx_audit_writer_project": (_int, [_vp, _vp, _uint]),
    "jx_audit_writer_finish": (_int, [_vp]),
    "jx_audit_writer_destroy": (None, [_vp]),
    "jx_vet_create": (_int, [_pp, _vp, ctypes.POINTER(VetOptions), _vp]),
    "jx_vet_add": (_int, [_vp, _vp, _uint]),
    "jx_vet_destroy": (None, [_vp]),
    "jx_vet_writer_create": (_int, [_pp, _vp, _int, WRITE_FN, _vp, _vp]),
    "jx_vet_writer_project": (_int, [_vp, _vp, _uint]),
    "jx_vet_writer_finish": (_int, [_vp]),
    "jx_vet_writer_destroy": (None, [_vp]),
}

# Functions of newer libraries: declared when the library has them, None otherwise.
_OPTIONAL = {
    "jx_version_number": (_int, []),
}

_lock = threading.Lock()
_lib = None
_path = None


class LibraryNotFound(OSError):
    """libjixiao could not be found or loaded."""


def _candidates():
    """The paths and names to try, in order, each with where it came from."""
    env = os.environ.get(ENV)
    if env:
        if os.path.isdir(env):
            return [(os.path.join(env, n), ENV) for n in _NAMES]
        return [(env, ENV)]
    out = []
    here = os.path.dirname(os.path.abspath(__file__))
    out += [(os.path.join(here, n), "package folder") for n in _NAMES]
    found = ctypes.util.find_library("jixiao")
    if found:
        out.append((found, "find_library"))
    out += [(n, "loader") for n in _NAMES]
    return out


def _declare(lib):
    for name, (restype, argtypes) in _PROTOTYPES.items():
        fn = getattr(lib, name)
        fn.restype = restype
        fn.argtypes = argtypes
    for name, (restype, argtypes) in _OPTIONAL.items():
        fn = getattr(lib, name, None)
        if fn is not None:
            fn.restype = restype
            fn.argtypes = argtypes


def has(name):
    """True when the loaded library exports the function name."""
    return getattr(load(), name, None) is not None


def load():
    """The loaded library (a ctypes.CDLL), loading it on first use."""
    global _lib, _path
    if _lib is not None:
        return _lib
    with _lock:
        if _lib is not None:
            return _lib
        tried = []
        from_env = bool(os.environ.get(ENV))
        for path, origin in _candidates():
            if origin == "package folder" and not os.path.exists(path):
                continue
            try:
                lib = ctypes.CDLL(path)
            except OSError as e:
                tried.append("%s (%s): %s" % (path, origin, e))
                continue
            try:
                _declare(lib)
            except AttributeError as e:
                tried.append("%s (%s): not libjixiao: %s" % (path, origin, e))
                continue
            _lib, _path = lib, path
            return lib
        hint = (
            "%s is set but does not name a loadable libjixiao" % ENV
            if from_env
            else "set %s to the path of libjixiao.so (or of the build folder holding it)" % ENV
        )
        raise LibraryNotFound("libjixiao not found: %s; tried: %s" % (hint, "; ".join(tried) or "nothing"))


def path():
    """The path or name the library was loaded from (loading it if needed)."""
    load()
    return _path
