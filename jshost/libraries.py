"""What a function gets of the npm libraries Segment exposes (``_``, ``moment``, ``xml2js``, ...).

The libraries are installed by :mod:`jshost.deps` (``jshost deps install``). A function is
handed the files of the libraries its source names: :func:`plan_for` finds the library globals
the code mentions and collects the files their packages ``require`` (following ``require("...")``
calls from each entry point as Node resolves them, plus the files a package loads by computed
names, listed as ``include`` in the manifest). The :class:`LibraryPlan` travels to each of the
function's slots in one host call (:attr:`LibraryPlan.payload`), where the CommonJS loader
(``polyfills/module.js``) compiles a module the first time it is required: a function that
never uses ``moment`` pays nothing for it, and one that does pays once per slot.
"""

from __future__ import annotations

import functools
import json
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .deps import (  # noqa: F401 - install/verify/LibraryError stay importable from here
    LibraryError,
    install,
    install_command,
    installed_dir,
    manifest,
    parse_extra,
    verify,
)

#: Node built-ins the runtime provides to library code (polyfills/module.js), and the
#: packages that back some of them.
BUILTINS = frozenset({"assert", "assert/strict", "buffer", "crypto", "events", "querystring", "stream",
                      "stream/promises", "string_decoder", "timers", "timers/promises", "url", "util", "util/types",
                      "zlib"})
BUILTIN_PACKAGES = {"zlib": "pako"}

_REQUIRE = re.compile(r"""\brequire\s*\(\s*(['"])([^'"\n]+)\1\s*\)""")


# --------------------------------------------------------------------------- resolution

class _Resolver:
    """Node's CommonJS resolution over an installed directory, generous enough to collect files
    (the loader in the slot applies Node's rules strictly)."""

    def __init__(self, root: Path) -> None:
        self.root = root.resolve()

    def resolve(self, spec: str, from_dir: Path) -> Path | None:
        if spec.startswith("node:") or spec in BUILTINS:
            return None
        if spec.startswith(("./", "../", "/")) or spec in (".", ".."):
            return self._file_or_dir(Path(os.path.normpath(from_dir / spec)))
        parts = spec.split("/")
        count = 2 if spec.startswith("@") else 1
        package, sub = "/".join(parts[:count]), "/".join(parts[count:])
        directory = from_dir
        while True:
            candidate = directory / "node_modules" / package
            if directory.name != "node_modules" and candidate.is_dir():
                return self._package(candidate, sub)
            if directory == self.root or directory.parent == directory:
                return None
            directory = directory.parent

    def _file_or_dir(self, path: Path) -> Path | None:
        for candidate in (path, path.with_name(path.name + ".js"), path.with_name(path.name + ".json"),
                          path.with_name(path.name + ".cjs")):
            if candidate.is_file():
                return candidate
        if path.is_dir():
            pkg = path / "package.json"
            if pkg.is_file():
                main = json.loads(pkg.read_text(encoding="utf-8")).get("main")
                if isinstance(main, str) and main:
                    found = self._file_or_dir(Path(os.path.normpath(path / main)))
                    if found is not None:
                        return found
            for index in ("index.js", "index.json", "index.cjs"):
                if (path / index).is_file():
                    return path / index
        return None

    def _package(self, directory: Path, sub: str) -> Path | None:
        pkg_file = directory / "package.json"
        pkg = json.loads(pkg_file.read_text(encoding="utf-8")) if pkg_file.is_file() else {}
        exports = pkg.get("exports")
        if exports is not None:
            target = exports_target(exports, "./" + sub if sub else ".")
            if target is not None:
                return self._file_or_dir(Path(os.path.normpath(directory / target)))
        return self._file_or_dir(Path(os.path.normpath(directory / sub))) if sub else self._file_or_dir(directory)


def exports_target(exports: Any, subpath: str) -> str | None:
    """The file a package.json ``exports`` field maps ``subpath`` to, under CommonJS conditions.
    https://nodejs.org/docs/latest-v20.x/api/packages.html#subpath-exports"""
    if isinstance(exports, (str, list)) or (isinstance(exports, dict) and exports
                                            and not all(k.startswith(".") for k in exports)):
        return _conditions(exports) if subpath == "." else None  # sugar for {".": exports}
    if not isinstance(exports, dict):
        return None
    if subpath in exports and "*" not in subpath:
        return _conditions(exports[subpath])
    best: tuple[str, str] | None = None
    for pattern in exports:
        if pattern.count("*") != 1:
            continue
        prefix, suffix = pattern.split("*")
        if subpath.startswith(prefix) and subpath.endswith(suffix) and len(subpath) >= len(pattern):
            if best is None or len(prefix) > len(best[0].split("*")[0]):
                best = (pattern, subpath[len(prefix):len(subpath) - len(suffix)])
    if best is None:
        return None
    target = _conditions(exports[best[0]])
    return target.replace("*", best[1]) if target else None


def _conditions(value: Any) -> str | None:
    """The first target under the conditions ``require()`` matches, in the object's own key order."""
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        for item in value:
            found = _conditions(item)
            if found:
                return found
        return None
    if isinstance(value, dict):
        for condition, target in value.items():
            if condition in ("require", "node", "node-addons", "default"):
                found = _conditions(target)
                if found:
                    return found
    return None


def _package_root(path: Path, root: Path) -> tuple[Path, str] | None:
    """The folder and name of the package ``path`` belongs to."""
    parts = path.relative_to(root).parts
    if "node_modules" not in parts:
        return None
    at = len(parts) - 1 - parts[::-1].index("node_modules")
    if at + 1 >= len(parts) - 1:
        return None
    size = 2 if parts[at + 1].startswith("@") else 1
    return root.joinpath(*parts[:at + 1 + size]), "/".join(parts[at + 1:at + 1 + size])


@functools.lru_cache(maxsize=64)
def _closure(root: Path, specs: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """Every file the packages ``specs`` may load, as ``(virtual path, ASCII source)``."""
    resolver = _Resolver(root)
    includes = {name: spec.get("include", []) for name, spec in manifest()["packages"].items()}
    found: dict[Path, str] = {}
    pending: list[tuple[str, Path]] = [(spec, resolver.root) for spec in specs]
    pending += [(BUILTIN_PACKAGES[s], resolver.root) for s in specs if s in BUILTIN_PACKAGES]
    packages: set[Path] = set()
    while pending:
        spec, from_dir = pending.pop()
        name = spec[5:] if spec.startswith("node:") else spec
        if name in BUILTIN_PACKAGES and from_dir != resolver.root:
            pending.append((BUILTIN_PACKAGES[name], resolver.root))
        path = resolver.resolve(spec, from_dir)
        if path is None or path in found:
            continue
        text = path.read_text(encoding="utf-8")
        found[path] = text
        if path.suffix != ".json":
            pending += [(m.group(2), path.parent) for m in _REQUIRE.finditer(text)]
        owner = _package_root(path, resolver.root)
        if owner is not None and owner[0] not in packages:
            packages.add(owner[0])
            for pattern in includes.get(owner[1], []):
                pending += [("./" + p.relative_to(owner[0]).as_posix(), owner[0])
                            for p in sorted(owner[0].glob(pattern)) if p.is_file()]
    # The package.json of every package a file came from: the loader reads "main" and "exports" in it.
    for directory in packages:
        manifest_file = directory / "package.json"
        if manifest_file.is_file() and manifest_file not in found:
            found[manifest_file] = manifest_file.read_text(encoding="utf-8")
    return tuple(("/" + p.relative_to(resolver.root).as_posix(), ascii_source(text))
                 for p, text in sorted(found.items()))


_NON_ASCII = re.compile(r"(\\*)([^\x00-\x7f])")


def ascii_source(text: str) -> str:
    """``text`` (JavaScript or JSON) with every non-ASCII character written as a ``\\uXXXX`` escape.

    The same program, but a pure-ASCII string crosses into QuickJS about 15 times faster (it
    stays an 8-bit string). An escape means the same character in string, template and
    regular-expression literals and in identifiers; only ``String.raw`` and
    ``Function.prototype.toString`` could tell. A character already escaped with a backslash
    (``"\\é"``) loses that backslash, which meant nothing, except before a line separator,
    where it is a line continuation and the character is kept as it is."""
    if text.isascii():
        return text

    def escape(match: re.Match[str]) -> str:
        slashes, char = match.group(1), match.group(2)
        if len(slashes) % 2 == 1:
            if char in "\u2028\u2029":
                return match.group(0)
            slashes = slashes[:-1]
        code = ord(char)
        if code > 0xFFFF:
            code -= 0x10000
            return f"{slashes}\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"
        return f"{slashes}\\u{code:04x}"

    return _NON_ASCII.sub(escape, text)


# --------------------------------------------------------------------------- per function

@dataclass(frozen=True)
class LibraryPlan:
    """What a function's slots get: module files and the library globals to define."""

    #: Virtual path ("/node_modules/lodash/lodash.js") -> ASCII source text.
    modules: tuple[tuple[str, str], ...] = ()
    #: Global name -> {"require": spec, "as": property or None}.
    globals: dict[str, dict[str, Any]] = field(default_factory=dict)
    #: Global name -> the error message its use raises (library not installed).
    missing: dict[str, str] = field(default_factory=dict)

    @property
    def needed(self) -> bool:
        """Whether the slots need the ``libraries`` command at all (the source names a library)."""
        return bool(self.globals or self.missing)

    @functools.cached_property
    def payload(self) -> str:
        """The ``libraries`` command's argument (polyfills/libraries.js): a JSON line with the
        globals, a JSON line with each file's path and length, then the files back to back."""
        header = {"globals": self.globals, "missing": self.missing}
        index: list[Any] = []
        for path, text in self.modules:
            if not text.isascii():  # lengths are counted in JS string units: keep one unit per character
                raise ValueError(f"{path}: module sources must be ASCII (see ascii_source)")
            index += [path, len(text)]
        return (json.dumps(header, separators=(",", ":")) + "\n" + json.dumps(index, separators=(",", ":")) + "\n"
                + "".join(text for _, text in self.modules))


def mentions(source: str, name: str) -> bool:
    """Whether ``source`` names the global ``name`` (not as a property: ``x.moment`` does not count)."""
    return re.search(rf"(?<![\w$.]){re.escape(name)}(?![\w$])", source) is not None


def plan_for(source: str, extra: Mapping[str, str] | None = None, directory: Path | None = None) -> LibraryPlan:
    """The libraries a function's source names, with the files they need if they are installed.

    ``extra`` is the function's own libraries (``{global: "package@version"}``); ``directory``
    an installation to use instead of the one :func:`jshost.deps.installed_dir` finds."""
    data = manifest()
    extras = parse_extra(extra or {})
    declared = {name: dict(spec) for name, spec in data["globals"].items()}
    declared.update({name: {"require": package} for name, (package, _) in extras.items()})
    wanted = {name: spec for name, spec in declared.items() if mentions(source, name)}
    if not wanted:
        return LibraryPlan()
    root = directory or installed_dir(extra)
    if root is None:
        packages = {**{n: s["version"] for n, s in data["packages"].items()},
                    **{p: v for p, v in extras.values()}}
        missing = {}
        for name, spec in wanted.items():
            package = spec["require"] if spec["require"] != "zlib" else "pako"
            what = f"{package}@{packages[package]}" if package in packages else package
            missing[name] = (f"the library behind `{name}` ({what}) is not installed: run "
                             f"`{install_command(extra)}` once (it installs the pinned libraries with npm)")
        return LibraryPlan(missing=missing)
    specs = tuple(sorted({spec["require"] for spec in wanted.values()}))
    return LibraryPlan(modules=_closure(Path(root).resolve(), specs), globals=wanted)
