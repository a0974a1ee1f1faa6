# SPDX-License-Identifier: MIT
"""jixiao: score Chinese budget performance indicators (预算绩效) from Python.

A thin layer over the C library libjixiao (include/jixiao.h), through ctypes: no other
dependency. The library is found through the environment variable JIXIAO_LIBRARY, this
package's folder, or the system's loader (see _lib.py and README.md).

    import jixiao
    for p in jixiao.score("samples/yuecheng-2024.jx"):
        print(p.name, p.total, p.grade)

Numbers that are scores, weights, totals or money are decimal.Decimal, exact.
"""

from ._core import (
    audit,
    builtin_policies,
    code_name,
    import_table,
    is_rule_text,
    library_path,
    score,
    strerror,
    version,
    version_number,
    vet,
)
from ._lib import LibraryNotFound
from .errors import (
    FileError,
    InputError,
    JixiaoError,
    LimitError,
    NotFoundError,
    OutOfMemoryError,
    UsageError,
)
from .model import Diagnostic, Fund, Group, Imported, Indicator, Project, Report, ScoreResult

__version__ = "0.1.0"

__all__ = [
    "score",
    "vet",
    "audit",
    "import_table",
    "version",
    "version_number",
    "library_path",
    "builtin_policies",
    "code_name",
    "strerror",
    "is_rule_text",
    "Project",
    "Indicator",
    "Group",
    "Fund",
    "Diagnostic",
    "ScoreResult",
    "Report",
    "Imported",
    "JixiaoError",
    "InputError",
    "FileError",
    "UsageError",
    "NotFoundError",
    "LimitError",
    "OutOfMemoryError",
    "LibraryNotFound",
]
