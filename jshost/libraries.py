"""The npm libraries Segment exposes as globals (``_``, ``moment``, ``xml2js``, ...), run for real.

The pinned manifest (``libraries.json``) names each package, its exact version and
integrity, and the global it is exposed under, with Segment's exact names (docs 004,
"Runtime and dependencies"). ``install()`` (``jshost deps install``) installs them with
the user's own ``npm`` — so the user's npm configuration and registry apply — into a
cache directory or a folder of the user's choice, and checks every integrity.

A function gets the files of the libraries its source names: ``plan_for(source)``
finds the library globals the code mentions, and collects the files their packages
``require`` (following ``require("...")`` calls from each entry point, as Node
resolves them). Those files are handed to each of the function's slots, where the
CommonJS loader (polyfills/module.js) compiles a module the first time it is
required: a function that never uses ``moment`` pays nothing for it.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import ConfigError, JSHostError

MANIFEST_PATH = Path(__file__).resolve().parent / "libraries.json"

#: Node built-ins the runtime provides to library code (polyfills/module.js), and the
#: packages that back some of them.
BUILTINS = frozenset({"assert", "buffer", "crypto", "events", "querystring", "stream", "string_decoder",
                      "timers", "url", "util", "zlib"})
BUILTIN_PACKAGES = {"zlib": "pako"}

_REQUIRE = re.compile(r"""\brequire\s*\(\s*(['"])([^'"\n]+)\1\s*\)""")


class LibraryError(JSHostError):
    """Installing or checking the libraries failed."""


@functools.lru_cache(maxsize=1)
def manifest() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(MANIFEST_PATH.read_text(encoding="utf-8"))
    return data


def _key(extra: Mapping[str, str]) -> str:
    text = json.dumps({"packages": manifest()["packages"], "extra": dict(sorted(extra.items()))}, sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def default_dir(extra: Mapping[str, str] | None = None) -> Path:
    """Where libraries are installed unless told otherwise: ``$JSHOST_LIBRARIES_DIR``, or a
    cache directory keyed by the manifest (and any extra packages)."""
    explicit = os.environ.get("JSHOST_LIBRARIES_DIR")
    if explicit and not extra:
        return Path(explicit)
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return cache / "jshost" / f"libraries-{_key(extra or {})}"


def parse_extra(specs: Mapping[str, str]) -> dict[str, tuple[str, str]]:
    """``{"myname": "package@version"}`` (a function's own libraries) -> ``{global: (package, version)}``."""
    out = {}
    for name, spec in specs.items():
        if not re.fullmatch(r"[A-Za-z_$][\w$]*", name):
            raise ConfigError(f"library global {name!r} is not a JavaScript identifier")
        package, _, version = spec.rpartition("@")  # "@scope/pkg@1.2.3" -> ("@scope/pkg", "1.2.3")
        if not package or not version:
            raise ConfigError(f"library {name!r}: {spec!r} must be 'package@exact-version'")
        out[name] = (package, version)
    return out


def install(directory: str | Path | None = None, extra: Mapping[str, str] | None = None, *, npm: str | None = None,
            echo: Callable[[str], None] = print) -> Path:
    """Install the manifest's packages (and ``extra``: ``{global: "pkg@version"}``) with npm.

    Returns the directory. Raises :class:`LibraryError` when npm is missing or fails, or an
    installed package does not match the manifest's integrity."""
    extras = parse_extra(extra or {})
    target = Path(directory) if directory is not None else default_dir(extra)
    npm_path = npm or shutil.which("npm")
    if npm_path is None:
        raise LibraryError("npm is not on PATH: install Node.js and npm, then run `jshost deps install` again")
    target.mkdir(parents=True, exist_ok=True)
    dependencies = {name: spec["version"] for name, spec in manifest()["packages"].items()}
    dependencies.update({package: version for package, version in extras.values()})
    (target / "package.json").write_text(json.dumps({"name": "jshost-libraries", "private": True,
                                                     "dependencies": dependencies}, indent=2))
    echo(f"installing {len(dependencies)} packages into {target} with {npm_path} ...")
    proc = subprocess.run([npm_path, "install", "--no-audit", "--no-fund", "--ignore-scripts", "--omit=dev",
                           "--loglevel=error"], cwd=target, stdout=sys.stderr if echo is print else subprocess.PIPE,
                          stderr=subprocess.PIPE, text=True)
    if proc.returncode != 0:
        raise LibraryError(f"npm install failed in {target}: {proc.stderr.strip()[-2000:]}")
    verify(target)
    (target / ".jshost-extra.json").write_text(json.dumps({k: list(v) for k, v in extras.items()}))
    echo(f"installed and verified: {', '.join(f'{n}@{v}' for n, v in dependencies.items())}")
    return target


def verify(directory: Path) -> None:
    """Check that npm installed the manifest's exact versions with the manifest's integrity."""
    lock_path = directory / "package-lock.json"
    try:
        lock = json.loads(lock_path.read_text())["packages"]
    except (OSError, ValueError, KeyError) as exc:
        raise LibraryError(f"{lock_path}: no usable npm lockfile ({exc})") from None
    for name, spec in manifest()["packages"].items():
        entry = lock.get(f"node_modules/{name}")
        if entry is None:
            raise LibraryError(f"{name} is missing from {directory}")
        if entry.get("version") != spec["version"]:
            raise LibraryError(f"{name}: installed {entry.get('version')}, the manifest pins {spec['version']}")
        if entry.get("integrity") != spec["integrity"]:
            raise LibraryError(f"{name}@{spec['version']}: integrity {entry.get('integrity')} does not match the "
                               f"manifest's {spec['integrity']}")


def installed_dir(extra: Mapping[str, str] | None = None) -> Path | None:
    """The installed directory, if ``jshost deps install`` has run (for these extras)."""
    candidate = default_dir(extra)
    return candidate if (candidate / "package-lock.json").is_file() and (candidate / "node_modules").is_dir() else None


# --------------------------------------------------------------------------- resolution

class _Resolver:
    """Node's CommonJS resolution over an installed directory, enough to collect files."""

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
            if candidate.is_dir():
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
                main = json.loads(pkg.read_text()).get("main")
                if main:
                    found = self._file_or_dir(Path(os.path.normpath(path / main)))
                    if found is not None:
                        return found
            for index in ("index.js", "index.json", "index.cjs"):
                if (path / index).is_file():
                    return path / index
        return None

    def _package(self, directory: Path, sub: str) -> Path | None:
        pkg_file = directory / "package.json"
        pkg = json.loads(pkg_file.read_text()) if pkg_file.is_file() else {}
        exports = pkg.get("exports")
        if exports is not None:
            target = exports_target(exports, "./" + sub if sub else ".")
            if target is not None:
                return self._file_or_dir(Path(os.path.normpath(directory / target)))
        return self._file_or_dir(Path(os.path.normpath(directory / sub))) if sub else self._file_or_dir(directory)


def exports_target(exports: Any, subpath: str) -> str | None:
    """The file a package.json ``exports`` field maps ``subpath`` to, under CommonJS conditions."""
    if isinstance(exports, str):
        return exports if subpath == "." else None
    if isinstance(exports, dict) and exports and not all(k.startswith(".") for k in exports):
        return _conditions(exports) if subpath == "." else None  # conditions for "." only
    if isinstance(exports, dict):
        if subpath in exports:
            return _conditions(exports[subpath])
        for pattern, value in exports.items():
            if "*" in pattern:
                prefix, suffix = pattern.split("*", 1)
                if subpath.startswith(prefix) and subpath.endswith(suffix):
                    middle = subpath[len(prefix):len(subpath) - len(suffix)]
                    target = _conditions(value)
                    return target.replace("*", middle) if target else None
    return None


def _conditions(value: Any) -> str | None:
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        for item in value:
            found = _conditions(item)
            if found:
                return found
        return None
    if isinstance(value, dict):
        for condition in ("require", "node", "default"):
            if condition in value:
                found = _conditions(value[condition])
                if found:
                    return found
    return None


@functools.lru_cache(maxsize=64)
def _closure(root: Path, specs: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    resolver = _Resolver(root)
    found: dict[Path, str] = {}
    pending: list[tuple[str, Path]] = [(spec, resolver.root) for spec in specs]
    for spec in specs:
        if spec in BUILTIN_PACKAGES:
            pending.append((BUILTIN_PACKAGES[spec], resolver.root))
    while pending:
        spec, from_dir = pending.pop()
        path = resolver.resolve(spec, from_dir)
        if path is None or path in found:
            if spec in BUILTIN_PACKAGES and spec not in specs:
                pending.append((BUILTIN_PACKAGES[spec], resolver.root))
            continue
        text = path.read_text(encoding="utf-8")
        found[path] = text
        if path.suffix != ".json":
            for match in _REQUIRE.finditer(text):
                pending.append((match.group(2), path.parent))
    # The package.json of every package a file came from: the loader resolves "main" and "exports" with them.
    for path in list(found):
        parts = path.relative_to(resolver.root).parts
        if "node_modules" in parts:
            at = len(parts) - 1 - parts[::-1].index("node_modules")
            size = 2 if parts[at + 1].startswith("@") else 1
            manifest_file = resolver.root.joinpath(*parts[:at + 1 + size], "package.json")
            if manifest_file.is_file() and manifest_file not in found:
                found[manifest_file] = manifest_file.read_text(encoding="utf-8")
    return tuple(("/" + str(p.relative_to(resolver.root)), text) for p, text in sorted(found.items()))


# --------------------------------------------------------------------------- per function

@dataclass(frozen=True)
class LibraryPlan:
    """What a function's slots get: module files and the library globals to define."""

    #: Virtual path ("/node_modules/lodash/lodash.js") -> source text.
    modules: tuple[tuple[str, str], ...] = ()
    #: Global name -> {"require": spec, "as": property or None}.
    globals: dict[str, dict[str, Any]] = field(default_factory=dict)
    #: Global name -> the error message its use raises (library not installed).
    missing: dict[str, str] = field(default_factory=dict)
    #: Global name -> [library, alternative] (needs a real Node.js).
    unsupported: dict[str, list[str]] = field(default_factory=dict)

    def to_js(self) -> str:
        return json.dumps({"globals": self.globals, "missing": self.missing, "unsupported": self.unsupported})


def mentions(source: str, name: str) -> bool:
    """Whether ``source`` names the global ``name`` (not as a property: ``x.moment`` does not count)."""
    return re.search(rf"(?<![\w$.]){re.escape(name)}(?![\w$])", source) is not None


def plan_for(source: str, extra: Mapping[str, str] | None = None, directory: Path | None = None) -> LibraryPlan:
    """The libraries a function's source names, with the files they need if they are installed."""
    data = manifest()
    extras = parse_extra(extra or {})
    declared = {name: dict(spec) for name, spec in data["globals"].items()}
    declared.update({name: {"require": package} for name, (package, _) in extras.items()})
    wanted = {name: spec for name, spec in declared.items() if mentions(source, name)}
    unsupported = {name: list(info) for name, info in data["unsupported"].items() if name not in declared}
    if not wanted:
        return LibraryPlan(unsupported=unsupported)
    root = directory or installed_dir(extra)
    if root is None:
        command = "jshost deps install --config <your config>" if extras else "jshost deps install"
        message = ("the library behind `{name}` is not installed: run `" + command + "` once "
                   "(it installs the pinned libraries with npm)")
        return LibraryPlan(missing={name: message.format(name=name) for name in wanted}, unsupported=unsupported)
    specs = tuple(sorted({spec["require"] for spec in wanted.values()}))
    return LibraryPlan(modules=_closure(root.resolve(), specs), globals=wanted, unsupported=unsupported)
