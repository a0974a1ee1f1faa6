# SPDX-License-Identifier: MIT
"""score(), vet(), audit() and import_table(): the loops of include/jixiao.h, run through ctypes.

Each function opens the handles it needs, streams the projects of its inputs through the
library, has the library's JSON writer render them into a Python callback, and parses that
JSON with decimal.Decimal for every number with a fraction. Every handle is released before
the function returns, also when it raises.
"""

import ctypes
import json
import os
from decimal import Decimal, InvalidOperation

from . import _lib
from .errors import JixiaoError, error_class
from .model import Diagnostic, Imported, Project, Report, ScoreResult, json_object

_SEVERITY = {_lib.SEV_NOTE: "note", _lib.SEV_WARNING: "warning", _lib.SEV_ERROR: "error"}
_SEVERITY_IN = {
    "note": _lib.SEV_NOTE,
    "提示": _lib.SEV_NOTE,
    "warning": _lib.SEV_WARNING,
    "警告": _lib.SEV_WARNING,
    "error": _lib.SEV_ERROR,
    "错误": _lib.SEV_ERROR,
}
_BY = {None: _lib.AUDIT_BY_NONE, "单位": _lib.AUDIT_BY_ORG, "org": _lib.AUDIT_BY_ORG,
       "主管部门": _lib.AUDIT_BY_DEPT, "dept": _lib.AUDIT_BY_DEPT}
_WEIGHTS = {None: _lib.IMPORT_WEIGHTS_NONE, "none": _lib.IMPORT_WEIGHTS_NONE,
            "equal": _lib.IMPORT_WEIGHTS_EQUAL, "unset": _lib.IMPORT_WEIGHTS_UNSET}

TEXT_NAME = "<text>"      # the file name rule text is given in diagnostics, unless name= says
POLICY_NAME = "<policy>"  # the same for a policy given as text

# How serious a failure is, to choose the exception when a run met several.
_RANK = {_lib.ERR_NOMEM: 0, _lib.ERR_IO: 1, _lib.ERR_LIMIT: 2, _lib.ERR_NOTFOUND: 3, _lib.ERR_USAGE: 4,
         _lib.ERR_INPUT: 5}


# ------------------------------------------------------------------ helpers

def _s(b):
    """A C string as str (UTF-8; the library writes nothing else)."""
    return b.decode("utf-8", "replace") if b is not None else None


def _b(s):
    """An optional str argument as C bytes."""
    return None if s is None else str(s).encode("utf-8")


def version():
    """The C library's version string (jx_version)."""
    return _s(_lib.load().jx_version())


def version_number():
    """The library's JX_VERSION_NUMBER (jx_version_number), or None from a library without it."""
    if not _lib.has("jx_version_number"):
        return None
    return _lib.load().jx_version_number()


def library_path():
    """The path (or name) libjixiao was loaded from."""
    return _lib.path()


def strerror(code):
    """The library's short Chinese description of a jx_result code."""
    return _s(_lib.load().jx_strerror(code))


def code_name(code):
    """The Chinese name of a finding code (jx_code_name), None for a code the library does not use."""
    return _s(_lib.load().jx_code_name(_b(code)))


def builtin_policies():
    """The names of the policies shipped with the library (jx_policy_builtin_names)."""
    arr = _lib.load().jx_policy_builtin_names()
    out = []
    i = 0
    while arr[i] is not None:
        out.append(_s(arr[i]))
        i += 1
    return out


def _diag(ptr):
    """A Diagnostic from a const jx_diag * (copied: the library owns the struct)."""
    d = ptr.contents
    need = _lib.load().jx_diag_format(ptr, None, 0)
    buf = ctypes.create_string_buffer(need + 1)
    _lib.load().jx_diag_format(ptr, buf, need + 1)
    return Diagnostic(
        severity=_SEVERITY.get(d.severity, str(d.severity)),
        code=_s(d.code) or "",
        message=_s(d.message) or "",
        file=_s(d.file) or "",
        line=d.line,
        column=d.column,
        width=d.width,
        source_line=_s(d.source_line),
        source_column=d.source_column,
        text=_s(buf.value).rstrip("\n"),
    )


def _diags(count_fn, get_fn, handle, start=0):
    """The diagnostics start… of a handle, through its _diag_count and _diag accessors."""
    if not handle:
        return []
    n = count_fn(handle)
    return [_diag(get_fn(handle, i)) for i in range(start, n)]


def _plain(code, file, message=None):
    """A diagnostic for a failure the library reported with a result code alone."""
    msg = message or strerror(code)
    return Diagnostic(severity="error", code="", message=msg, file=file, line=0, column=0,
                      text="%s: error: %s" % (file, msg))


def _raise(code, diagnostics, result=None, what=None):
    """Raises the exception of code carrying diagnostics."""
    errors = [d for d in diagnostics if d.severity == "error"]
    first = errors[0] if errors else (diagnostics[0] if diagnostics else None)
    if first is not None:
        msg = first.text.splitlines()[0] if first.text else str(first)
        more = len(errors) - 1 if errors else 0
        if more > 0:
            msg += "（另有 %d 个错误）" % more
    else:
        msg = "%s%s" % (what + ": " if what else "", strerror(code))
    raise error_class(code)(msg, diagnostics, result=result, code=code)


class _Run:
    """What a run has met: failures (code and diagnostics) and diagnostics outside its result."""

    def __init__(self):
        self.code = None          # the most serious failure's jx_result, None without any
        self.failures = []        # their diagnostics
        self.diagnostics = []     # warnings and notes that belong to no project

    def fail(self, code, diags):
        if self.code is None or _RANK.get(code, 9) < _RANK.get(self.code, 9):
            self.code = code
        self.failures.extend(diags)

    def finish(self, result):
        if self.code is not None:
            _raise(self.code, self.failures, result=result)
        return result


class _Sink:
    """A jx_write_fn gathering a writer's bytes."""

    def __init__(self):
        self.parts = []
        self.fn = _lib.WRITE_FN(self._write)

    def _write(self, ud, data, length):
        if length:
            self.parts.append(ctypes.string_at(data, length))
        return length

    def bytes(self):
        return b"".join(self.parts)

    def json(self):
        return json.loads(self.bytes().decode("utf-8"), parse_float=Decimal, object_pairs_hook=json_object)


# ------------------------------------------------------------------- inputs

def _starts_with_keyword(s, keywords):
    t = s.lstrip("\ufeff").lstrip()
    for kw in keywords:
        if t.startswith(kw):
            nxt = t[len(kw):len(kw) + 1]
            if nxt.isspace() or nxt == '"':
                return True
    return False


def is_rule_text(s):
    """True when the str s is rule text rather than a path: it holds a line break, or it
    starts (after a BOM and blanks) with the keyword 项目 or project followed by a blank or
    a quote."""
    return "\n" in s or "\r" in s or _starts_with_keyword(s, ("项目", "project"))


def _is_rules_path(p):
    """A file read as rule text (a name ending in .jx, any case), not imported as a table."""
    return os.fsencode(p).lower().endswith(b".jx")


class _Input:
    """One input: rule text in memory (data, name) or a file (path)."""

    def __init__(self, path=None, data=None, name=None):
        self.path = path
        self.data = data
        self.name = name

    @property
    def label(self):
        return self.name if self.data is not None else os.fsdecode(self.path)


def _as_path(p):
    if isinstance(p, (str, os.PathLike)):
        return os.fspath(p)
    if isinstance(p, (bytes, bytearray)):
        raise TypeError("a path is a str or os.PathLike; rule text as bytes is given as text=")
    raise TypeError("expected a path (str or os.PathLike), got %s" % type(p).__name__)


def _inputs(source, text, path, name):
    """The inputs of a call, from its positional source or its text= / path= keyword."""
    if sum(x is not None for x in (source, text, path)) != 1:
        raise TypeError("give exactly one of source, text= and path=")
    if text is not None:
        if isinstance(text, str):
            data = text.encode("utf-8")
        elif isinstance(text, (bytes, bytearray)):
            data = bytes(text)
        else:
            raise TypeError("text= is rule text: a str, or bytes as a file holds them")
        return [_Input(data=data, name=name or TEXT_NAME)]
    if path is None and isinstance(source, str) and is_rule_text(source):
        return [_Input(data=source.encode("utf-8"), name=name or TEXT_NAME)]
    if name is not None:
        raise TypeError("name= names rule text in diagnostics; a file is named by its path")
    given = path if path is not None else source
    if isinstance(given, (str, os.PathLike, bytes, bytearray)):
        return [_Input(path=_as_path(given))]
    try:
        items = list(given)
    except TypeError:
        raise TypeError("expected rule text, a path or a list of paths, got %s" % type(given).__name__) from None
    return [_Input(path=_as_path(p)) for p in items]


def _walk(inp, top=True):
    """The files of an input: itself, or a folder's regular files in byte order of their
    names, recursively; names starting with '.' are skipped, and so are links to folders
    inside a folder (as the jixiao program walks them)."""
    if inp.data is not None:
        yield inp
        return
    p = inp.path
    if os.path.isdir(p) and (top or not os.path.islink(p)):
        names = sorted((n for n in os.listdir(p) if not n.startswith(".")), key=os.fsencode)
        for n in names:
            child = os.path.join(p, n)
            if os.path.isdir(child):
                if not os.path.islink(child):
                    yield from _walk(_Input(path=child), top=False)
            elif os.path.isfile(child):
                yield _Input(path=child)
        return
    if top:
        yield inp


class _Reader:
    """A jx_reader over one input; a context manager that closes it. With import_opts, the
    input is a table read through the importer (jx_reader_open_import)."""

    def __init__(self, lib, inp, import_opts=None):
        self.lib = lib
        self.h = ctypes.c_void_p()
        self.inp = inp
        self.imported = import_opts is not None
        if inp.data is not None:  # inp holds the bytes as long as the reader needs them
            self.rc = lib.jx_reader_open_memory(ctypes.byref(self.h), _b(inp.label), inp.data, len(inp.data), None)
        elif self.imported:
            self.rc = lib.jx_reader_open_import(ctypes.byref(self.h), os.fsencode(inp.path),
                                                ctypes.byref(import_opts), None)
        else:
            self.rc = lib.jx_reader_open(ctypes.byref(self.h), os.fsencode(inp.path), None)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.lib.jx_reader_close(self.h)
        self.h = ctypes.c_void_p()

    def diags(self):
        return _diags(self.lib.jx_reader_diag_count, self.lib.jx_reader_diag, self.h)

    def projects(self, run):
        """The projects, as jx_project handles; errors outside projects go to run. A table's
        import diagnostics go to run first: errors as failures (its projects still read
        when rows had errors), warnings and notes beside the result."""
        if self.imported:
            diags = self.diags()
            run.diagnostics.extend(d for d in diags if d.severity != "error")
            errors = [d for d in diags if d.severity == "error"]
            if self.rc not in (_lib.OK, _lib.ERR_INPUT):
                run.fail(self.rc, errors or [_plain(self.rc, self.inp.label)])
                return
            if self.rc == _lib.ERR_INPUT or errors:
                run.fail(_lib.ERR_INPUT, errors or [_plain(self.rc, self.inp.label)])
        elif self.rc != _lib.OK:
            run.fail(self.rc, self.diags() or [_plain(self.rc, self.inp.label)])
            return
        p = ctypes.c_void_p()
        while True:
            rc = self.lib.jx_reader_next(self.h, ctypes.byref(p))
            if rc == _lib.DONE:
                return
            if rc == _lib.ROW:
                yield p
                continue
            run.fail(rc, self.diags() or [_plain(rc, self.inp.label)])
            if rc != _lib.ERR_INPUT:
                return


def _project_diags(lib, p):
    return _diags(lib.jx_project_diag_count, lib.jx_project_diag, p)


def _import_options(encoding, sheet, weights, fmt=None, policy=None):
    if weights not in _WEIGHTS:
        raise ValueError("weights is one of None, 'none', 'equal', 'unset', not %r" % (weights,))
    return _lib.ImportOptions(ctypes.sizeof(_lib.ImportOptions), _b(fmt), _b(encoding), _WEIGHTS[weights], _b(policy),
                              _b(sheet))


def _import(lib, path, opts):
    """Imports the table at path: (rc of opening, rc of the run, text bytes, the handle's facts, diagnostics)."""
    h = ctypes.c_void_p()
    sink = _Sink()
    try:
        rc_open = lib.jx_import_open(ctypes.byref(h), os.fsencode(path), ctypes.byref(opts), None)
        rc_run = lib.jx_import_run(h, sink.fn, None) if rc_open == _lib.OK else rc_open
        facts = None
        if h:
            facts = dict(
                format=_s(lib.jx_import_format(h)) or "",
                encoding=_s(lib.jx_import_encoding(h)) or "",
                projects=lib.jx_import_project_count(h),
                indicators=lib.jx_import_indicator_count(h),
                rows=lib.jx_import_row_count(h),
                skipped=lib.jx_import_skipped_count(h),
                not_understood=lib.jx_import_not_understood_count(h),
            )
        diags = _diags(lib.jx_import_diag_count, lib.jx_import_diag, h)
    finally:
        lib.jx_import_close(h)
    return rc_open, rc_run, sink.bytes(), facts, diags


def _each_project(lib, inputs, run, import_opts, project_fn):
    """Calls project_fn(p, flags) for each project of the inputs (folders walked; a file not
    named .jx read as a table through the importer, its projects flagged JX_AUDIT_IMPORTED;
    its import diagnostics go to run, _Reader.projects)."""
    for top in inputs:
        for inp in _walk(top):
            table = inp.data is None and not _is_rules_path(inp.path)
            with _Reader(lib, inp, import_opts if table else None) as rd:
                for p in rd.projects(run):
                    project_fn(p, _lib.AUDIT_IMPORTED if table else 0)


def _stream(lib, inputs, run, import_opts, add, write, finish):
    """The loop of vet and audit: each project of the inputs added (add(p, flags)), then
    written (write(p, flags)), and the report finished; a failure of the library raises."""

    def one(p, flags):
        rc = add(p, flags)
        if rc == _lib.OK:
            rc = write(p, flags)
        if rc != _lib.OK:
            _raise(rc, [])

    _each_project(lib, inputs, run, import_opts, one)
    rc = finish()
    if rc != _lib.OK:
        _raise(rc, [])


# ------------------------------------------------------------------- policy

def _policy_arg(policy):
    """The name_or_path of jx_policy_open: a str as given (a name unless it holds a '/' or
    ends in .jx); an os.PathLike always a path, "./" put before a bare file name."""
    if isinstance(policy, os.PathLike):
        p = os.fsencode(os.fspath(policy))
        if b"/" not in p and not p.lower().endswith(b".jx"):
            p = b"./" + p
        return p
    return os.fsencode(_as_path(policy))


class _Policy:
    """A jx_policy opened from a shipped name, a file or policy text; a context manager."""

    def __init__(self, lib, policy):
        self.lib = lib
        self.h = ctypes.c_void_p()
        if isinstance(policy, str) and ("\n" in policy or _starts_with_keyword(policy, ("评分办法", "policy"))):
            self.data = policy.encode("utf-8")
            rc = lib.jx_policy_open_memory(ctypes.byref(self.h), _b(POLICY_NAME), self.data, len(self.data), None)
        else:
            rc = lib.jx_policy_open(ctypes.byref(self.h), _policy_arg(policy), None)
        self.diagnostics = _diags(lib.jx_policy_diag_count, lib.jx_policy_diag, self.h)
        if rc != _lib.OK:
            lib.jx_policy_close(self.h)
            self.h = ctypes.c_void_p()
            label = policy if "\n" not in str(policy) else POLICY_NAME
            _raise(rc, self.diagnostics or [_plain(rc, str(label))])

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.lib.jx_policy_close(self.h)
        self.h = ctypes.c_void_p()


def _severity(value):
    if value not in _SEVERITY_IN:
        raise ValueError("min_severity is 'note', 'warning' or 'error', not %r" % (value,))
    return _SEVERITY_IN[value]


# -------------------------------------------------------------------- score

class _Actuals:
    """A jx_actuals read from a table, with the count of its diagnostics already taken."""

    def __init__(self, lib, path, encoding, sheet):
        self.lib = lib
        self.h = ctypes.c_void_p()
        self.seen = 0
        opts = _lib.TableOptions(ctypes.sizeof(_lib.TableOptions), _b(encoding), _b(sheet))
        rc = lib.jx_actuals_open_table(ctypes.byref(self.h), os.fsencode(_as_path(path)), ctypes.byref(opts), None)
        if rc != _lib.OK:
            diags = self.new_diags()
            self.close()
            _raise(rc, diags or [_plain(rc, os.fsdecode(_as_path(path)))])

    def new_diags(self):
        out = _diags(self.lib.jx_actuals_diag_count, self.lib.jx_actuals_diag, self.h, self.seen)
        self.seen += len(out)
        return out

    def take(self, run):
        """Hands the new diagnostics to run: errors as failures, the rest beside the result."""
        diags = self.new_diags()
        errors = [d for d in diags if d.severity == "error"]
        if errors:
            run.fail(_lib.ERR_INPUT, errors)
        run.diagnostics.extend(d for d in diags if d.severity != "error")

    def close(self):
        self.lib.jx_actuals_close(self.h)
        self.h = ctypes.c_void_p()


def score(source=None, policy="default", actuals=None, name=None, *, text=None, path=None, encoding=None,
          sheet=None):
    """Scores every project of a rule file (or rule text) under a policy.

    source is a path, a list of paths, or rule text (a str holding a line break, or
    starting with 项目 / project); text= and path= say which explicitly. name names rule
    text in diagnostics ("<text>" by default). policy is a shipped name ("default",
    "central"), a policy file, or policy text. actuals is a table of 实际完成值 (CSV, tab-
    separated text, .xlsx or .xls) applied before scoring; encoding and sheet say how to
    read it (detected by default).

    Returns a ScoreResult: a list of Project in the order read. Raises InputError when a
    project could not be scored (a syntax error, a number out of range, text outside any
    project, a row of the actuals refused): its .diagnostics say where, its .result holds
    the projects that were scored. Warnings, notes and the errors of a project that is
    still scored (weight-sum, qualitative-band) are on each Project's findings.
    """
    if actuals is None and (encoding is not None or sheet is not None):
        raise TypeError("encoding= and sheet= say how to read actuals=")
    lib = _lib.load()
    inputs = _inputs(source, text, path, name)
    run = _Run()
    with _Policy(lib, policy) as pol:
        run.diagnostics.extend(pol.diagnostics)
        act = _Actuals(lib, actuals, encoding, sheet) if actuals is not None else None
        wr = ctypes.c_void_p()
        sink = _Sink()
        findings = []
        try:
            if act is not None:
                # every project known before any is applied: a row naming a project several
                # share is then refused rather than given to the first (jx_actuals_know)
                scratch = _Run()
                for inp in inputs:
                    with _Reader(lib, inp) as rd:
                        for p in rd.projects(scratch):
                            if lib.jx_actuals_know(act.h, p) != _lib.OK:
                                _raise(_lib.ERR_NOMEM, [])
            rc = lib.jx_writer_create(ctypes.byref(wr), _lib.FORMAT_JSON, 0, sink.fn, None, None)
            if rc != _lib.OK:
                _raise(rc, [])
            for inp in inputs:
                with _Reader(lib, inp) as rd:
                    for p in rd.projects(run):
                        f = _score_one(lib, p, pol, act, wr, run)
                        if f is not None:
                            findings.append(f)
            if act is not None:
                rc = lib.jx_actuals_finish(act.h)
                act.take(run)
                if rc not in (_lib.OK, _lib.ERR_INPUT):
                    run.fail(rc, [_plain(rc, os.fsdecode(_as_path(actuals)))])
            rc = lib.jx_writer_finish(wr)
            if rc != _lib.OK:
                _raise(rc, [])
        finally:
            lib.jx_writer_destroy(wr)
            if act is not None:
                act.close()
    doc = sink.json()
    written = doc.get("projects", [])
    if len(written) != len(findings):
        raise JixiaoError("the JSON writer wrote %d projects for %d scored" % (len(written), len(findings)))
    projects = [Project.from_json(d, f) for d, f in zip(written, findings)]
    return run.finish(ScoreResult(projects, run.diagnostics, doc.get("policy", "")))


def _score_one(lib, p, pol, act, wr, run):
    """Applies the actuals to p, scores it and writes it; its findings, or None when it was not scored."""
    if lib.jx_project_error_count(p) > 0:
        run.fail(_lib.ERR_INPUT, _project_diags(lib, p))
        return None
    if act is not None:
        rc = lib.jx_actuals_apply(act.h, p)
        act.take(run)
        if rc == _lib.ERR_NOMEM:
            _raise(rc, [])
    rc = lib.jx_score(p, pol.h)
    if rc != _lib.OK:
        diags = _project_diags(lib, p)
        if not any(d.severity == "error" for d in diags):
            name = _s(lib.jx_project_name(p))
            diags.append(_plain(rc, "%s:%d" % (_s(lib.jx_project_file(p)), lib.jx_project_line(p)),
                                "项目“%s”无法计分：%s" % (name, strerror(rc))))
        run.fail(rc, diags)
        return None
    findings = _project_diags(lib, p)
    rc = lib.jx_writer_project(wr, p)
    if rc != _lib.OK:
        _raise(rc, [])
    return findings


# ---------------------------------------------------------------------- vet

def vet(source=None, policy="default", name=None, *, text=None, path=None, min_severity="note", encoding=None,
        sheet=None):
    """The 审核 of 绩效目标表 (jixiao vet, docs/vet.md): returns the JSON report as a Report (a dict).

    source is read as by score(); besides rule files, a path may be a folder (walked in byte
    order of its names) or a table the importer reads (a 目标表 as a budget system prints
    it), read with encoding and sheet. A project with errors is vetted (its result is 差),
    not raised; text outside projects and tables that cannot be read raise, the report so
    far on the exception's .result.
    """
    lib = _lib.load()
    inputs = _inputs(source, text, path, name)
    opts = _lib.VetOptions(ctypes.sizeof(_lib.VetOptions), _severity(min_severity))
    import_opts = _import_options(encoding, sheet, "unset")
    run = _Run()
    with _Policy(lib, policy) as pol:
        run.diagnostics.extend(pol.diagnostics)
        vt = ctypes.c_void_p()
        vw = ctypes.c_void_p()
        sink = _Sink()
        try:
            rc = lib.jx_vet_create(ctypes.byref(vt), pol.h, ctypes.byref(opts), None)
            if rc == _lib.OK:
                rc = lib.jx_vet_writer_create(ctypes.byref(vw), vt, _lib.FORMAT_JSON, sink.fn, None, None)
            if rc != _lib.OK:
                _raise(rc, [])

            _stream(lib, inputs, run, import_opts, lambda p, flags: lib.jx_vet_add(vt, p, flags),
                    lambda p, flags: lib.jx_vet_writer_project(vw, p, flags), lambda: lib.jx_vet_writer_finish(vw))
        finally:
            lib.jx_vet_writer_destroy(vw)
            lib.jx_vet_destroy(vt)
    return run.finish(Report(sink.json(), run.diagnostics))


# -------------------------------------------------------------------- audit

def _share_bp(sample):
    """"20%" → 2000 basis points."""
    s = sample.strip()
    if not (s.endswith("%") or s.endswith("％")):
        raise ValueError("sample is a count (int) or a share such as '20%%', not %r" % (sample,))
    try:
        bp = Decimal(s[:-1]) * 100
    except InvalidOperation:
        raise ValueError("sample is a count (int) or a share such as '20%%', not %r" % (sample,)) from None
    if bp != bp.to_integral_value() or bp < 0 or bp > 10000:
        raise ValueError("a sample share is 0%% to 100%% in steps of 0.01%%, not %r" % (sample,))
    return int(bp)


def audit(paths=None, policy="default", name=None, *, text=None, min_severity="note", sample=None, seed=None,
          by=None, weight_funds=False, include_flagged=False, encoding=None, sheet=None):
    """The audit of self-evaluations (jixiao audit, docs/audit.md): returns the JSON report as a Report.

    paths is a path, a list of paths (rule files, folders, tables the importer reads, read
    with encoding and sheet) or rule text, read as by vet(). Each project without errors is
    scored; one with errors is audited unscored, its errors among its findings. sample (a
    count, or a share such as "20%") with seed draws the 抽查 sample (docs/sampling.md);
    by ("单位"/"org" or "主管部门"/"dept"), weight_funds and include_flagged as the
    program's --by, --weight funds and --include-flagged.
    """
    lib = _lib.load()
    inputs = _inputs(paths, text, None, name)
    opts = _lib.AuditOptions(size=ctypes.sizeof(_lib.AuditOptions))
    opts.min_severity = _severity(min_severity)
    share = None
    if sample is None:
        if seed is not None or by is not None or weight_funds or include_flagged:
            raise ValueError("seed, by, weight_funds and include_flagged go with sample")
    else:
        if seed is None:
            raise ValueError("a sample needs a seed (the same seed draws the same projects)")
        if isinstance(sample, bool) or not isinstance(sample, (int, str)):
            raise TypeError("sample is a count (int) or a share such as '20%'")
        if isinstance(sample, int):
            if sample <= 0 or sample > 0xFFFFFFFF:
                raise ValueError("a sample count is above 0")
            opts.sample_count = sample
        else:
            share = _share_bp(sample)
        if by not in _BY:
            raise ValueError("by is '单位' / 'org' or '主管部门' / 'dept', not %r" % (by,))
        if not isinstance(seed, int) or seed < 0 or seed >= 1 << 64:
            raise ValueError("seed is an integer from 0 to 2**64 - 1")
        opts.seed = seed
        opts.by = _BY[by]
        opts.weight_funds = 1 if weight_funds else 0
        opts.include_flagged = 1 if include_flagged else 0
    import_opts = _import_options(encoding, sheet, None)
    run = _Run()
    with _Policy(lib, policy) as pol:
        run.diagnostics.extend(pol.diagnostics)
        au = ctypes.c_void_p()
        aw = ctypes.c_void_p()
        sink = _Sink()
        try:
            rc = lib.jx_audit_create(ctypes.byref(au), pol.h, ctypes.byref(opts), None)
            if rc == _lib.OK and share is not None:
                rc = lib.jx_audit_set_sample_share(au, share)
            if rc == _lib.OK:
                rc = lib.jx_audit_writer_create(ctypes.byref(aw), au, _lib.FORMAT_JSON, sink.fn, None, None)
            if rc != _lib.OK:
                _raise(rc, [])

            def add(p, flags):
                if lib.jx_project_error_count(p) == 0:
                    rc = lib.jx_score(p, pol.h)
                    if rc == _lib.ERR_NOMEM:
                        return rc
                return lib.jx_audit_add(au, p, flags)

            _stream(lib, inputs, run, import_opts, add, lambda p, flags: lib.jx_audit_writer_project(aw, p, flags),
                    lambda: lib.jx_audit_writer_finish(aw))
        finally:
            lib.jx_audit_writer_destroy(aw)
            lib.jx_audit_destroy(au)
    return run.finish(Report(sink.json(), run.diagnostics))


# ------------------------------------------------------------------- import

def import_table(path, format=None, encoding=None, sheet=None, weights=None, policy=None):
    """Turns a budget system's indicator table into rule text (jixiao import, docs/import.md).

    format names the table format (detected by default), encoding the text's, sheet a
    workbook's sheet; weights None/"none", "equal" (split each 一级 group's points from
    policy) or "unset" (a target table). Returns an Imported; raises when the table cannot
    be read, or InputError when rows have errors (the Imported on .result).
    """
    lib = _lib.load()
    p = _as_path(path)
    opts = _import_options(encoding, sheet, weights, fmt=format, policy=policy)
    rc_open, rc_run, text, facts, diags = _import(lib, p, opts)
    if rc_open != _lib.OK:
        _raise(rc_open, diags or [_plain(rc_open, os.fsdecode(p))])
    result = Imported(text=text.decode("utf-8"), diagnostics=diags, **facts)
    if rc_run != _lib.OK:
        _raise(rc_run, diags or [_plain(rc_run, os.fsdecode(p))], result=result)
    return result
