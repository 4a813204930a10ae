"""Installing the npm libraries functions use: the logic behind ``jshost deps install``.

Segment's runtime exposes npm packages as globals (docs 004, "Runtime and dependencies":
``_`` is lodash, ``moment`` is moment-timezone, ...). jshost runs the real packages, pinned in
``jshost/libraries.json`` (shipped in the wheel):

* ``packages``: the packages behind the globals, each with its exact version and the sha512
  integrity of its tarball (the registry's ``dist.integrity``);
* ``lock``: the whole dependency tree npm installs for them (every path, version and
  integrity), without any registry address, so installs are the same everywhere;
* ``globals``: the global name each is exposed under (read by :mod:`jshost.libraries`);
* ``include``, per package: files it loads by computed names, handed over too.

:func:`install` runs the user's own ``npm`` (their npm configuration and registry apply: no
registry host is written anywhere) with that lock, so npm itself checks every tarball against
the pinned integrity, then checks npm's record of what it installed against the manifest
(:func:`verify`). The result goes to a cache directory keyed by the manifest
(``$XDG_CACHE_HOME/jshost/libraries-<key>``, else ``~/.cache/jshost/...``) or to a folder of
the user's choice (container images: install with ``--dir DIR``, run with
``JSHOST_LIBRARIES_DIR=DIR``).

A function may add packages of its own, under global names it picks (``{"dayjs":
"dayjs@1.11.10"}``, the ``libraries`` key of an instance in the server config): they are
installed beside the pinned ones (exact version; npm records their integrity).

Python API::

    from jshost import deps
    path = deps.install()                      # pinned libraries, into the cache directory
    path = deps.install("/opt/jslibs", extra={"dayjs": "dayjs@1.11.10"})
    deps.installed_dir()                       # Path | None: where they are, if installed
    deps.verify(path)                          # raises LibraryError on any mismatch

Installing is explicit: a function that uses a library that is not installed fails at its
first use with an error naming the command to run (installing from inside a request would
stall it for seconds and reach the network behind the operator's back).
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
import tempfile
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

from .errors import ConfigError, JSHostError

MANIFEST_PATH = Path(__file__).resolve().parent / "libraries.json"

#: Written into an installation once it is complete and verified; its absence means "not installed".
MARKER = "jshost-libraries.json"
#: The name of the package.json jshost writes (so it never overwrites a project's own).
PACKAGE_NAME = "jshost-libraries"
#: Environment variable naming an installation made with ``--dir`` (used before the cache).
ENV_DIR = "JSHOST_LIBRARIES_DIR"

# npm flags for every run: no install scripts (library code runs in QuickJS, never in Node),
# no network calls besides the packages themselves, and lockfiles without registry addresses.
_NPM_FLAGS = ("--ignore-scripts", "--no-audit", "--no-fund", "--omit=dev", "--omit-lockfile-registry-resolved")

Echo = Callable[[str], None]


class LibraryError(JSHostError):
    """Installing or checking the libraries failed (npm missing or failing, a mismatch)."""


# --------------------------------------------------------------------------- the manifest

@functools.lru_cache(maxsize=1)
def manifest() -> dict[str, Any]:
    """The parsed ``libraries.json``."""
    data: dict[str, Any] = json.loads(MANIFEST_PATH.read_text(encoding="utf-8"))
    return data


def parse_extra(specs: Mapping[str, str]) -> dict[str, tuple[str, str]]:
    """A function's own libraries, ``{"myname": "package@version"}`` -> ``{global: (package, version)}``.

    Raises :class:`~jshost.errors.ConfigError` for a name that is not a JavaScript identifier or
    a spec that is not ``package@exact-version``."""
    out = {}
    for name, spec in specs.items():
        if not re.fullmatch(r"[A-Za-z_$][\w$]*", name):
            raise ConfigError(f"library global {name!r} is not a JavaScript identifier")
        package, _, version = str(spec).rpartition("@")  # "@scope/pkg@1.2.3" -> ("@scope/pkg", "1.2.3")
        if not package or package.startswith("@") and "/" not in package or \
                not re.fullmatch(r"\d+\.\d+\.\d+(-[\w.-]+)?(\+[\w.-]+)?", version):
            raise ConfigError(f"library {name!r}: {spec!r} must be 'package@exact-version', e.g. 'dayjs@1.11.10'")
        out[name] = (package, version)
    return out


def _extra_packages(extra: Mapping[str, str] | None) -> dict[str, str]:
    """``{package: version}`` of a function's own libraries; a package pinned twice must agree."""
    packages: dict[str, str] = {}
    pinned = manifest()["packages"]
    for name, (package, version) in parse_extra(extra or {}).items():
        if package in pinned and pinned[package]["version"] != version:
            raise ConfigError(f"library {name!r}: {package} is pinned at {pinned[package]['version']} by jshost; "
                              f"another version ({version}) cannot be installed beside it")
        if packages.get(package, version) != version:
            raise ConfigError(f"library {name!r}: {package} is asked for at both {packages[package]} and {version}")
        if package not in pinned:
            packages[package] = version
    return packages


def manifest_key(extra: Mapping[str, str] | None = None) -> str:
    """A short hash of the pinned libraries (and a function's own): names the cache directory."""
    data = manifest()
    text = json.dumps({"packages": data["packages"], "lock": data["lock"],
                       "extra": sorted(_extra_packages(extra).items())}, sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


# --------------------------------------------------------------------------- where

def cache_root() -> Path:
    """``$XDG_CACHE_HOME/jshost``, else ``~/.cache/jshost``."""
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "jshost"


def default_dir(extra: Mapping[str, str] | None = None) -> Path:
    """The cache directory for the pinned libraries plus ``extra`` (keyed by both)."""
    return cache_root() / f"libraries-{manifest_key(extra)}"


def _read_marker(directory: Path) -> dict[str, Any] | None:
    try:
        data: dict[str, Any] = json.loads((directory / MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data


def _covers(directory: Path, extra: Mapping[str, str] | None) -> bool:
    """Whether a finished installation holds this manifest's libraries and the packages of ``extra``."""
    marker = _read_marker(directory)
    if marker is None or marker.get("manifest") != manifest_key():
        return False
    have = marker.get("extra", {})
    return all(have.get(package) == version for package, version in _extra_packages(extra).items())


def installed_dir(extra: Mapping[str, str] | None = None) -> Path | None:
    """Where the libraries (and ``extra``) are installed, or ``None`` when ``jshost deps install``
    has not run for them: ``$JSHOST_LIBRARIES_DIR`` when it holds them, else the cache directory."""
    explicit = os.environ.get(ENV_DIR)
    if explicit and _covers(Path(explicit), extra):
        return Path(explicit)
    candidate = default_dir(extra)
    return candidate if _covers(candidate, extra) else None


def install_command(extra: Mapping[str, str] | None = None) -> str:
    """The command that installs what a function needs (for error messages)."""
    explicit = os.environ.get(ENV_DIR)
    if explicit:
        return f"jshost deps install --dir {explicit}" + (" --config <your config>" if extra else "")
    return "jshost deps install" + (" --config <your config>" if extra else "")


# --------------------------------------------------------------------------- installing

def lockfile(extra: Mapping[str, str] | None = None) -> dict[str, Any]:
    """The ``package-lock.json`` (v3) jshost hands npm: the manifest's tree, no registry address."""
    data = manifest()
    dependencies = {name: spec["version"] for name, spec in data["packages"].items()}
    dependencies.update(_extra_packages(extra))
    packages: dict[str, Any] = {"": {"name": PACKAGE_NAME, "dependencies": dependencies}}
    packages.update(data["lock"])
    return {"name": PACKAGE_NAME, "lockfileVersion": 3, "requires": True, "packages": packages}


def _npm(npm: str | None) -> str:
    found = npm or shutil.which("npm")
    if found is None:
        raise LibraryError("npm is not on PATH: install Node.js (npm 7 or later), then run `jshost deps install` again")
    return found


def _run_npm(args: list[str], cwd: Path, echo: Echo) -> None:
    """Run npm, echoing its output line by line (the progress the user sees)."""
    try:
        proc = subprocess.Popen(args, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                                stdin=subprocess.DEVNULL)
    except OSError as exc:
        raise LibraryError(f"could not start npm ({args[0]}): {exc}") from None
    tail: list[str] = []
    assert proc.stdout is not None
    for line in proc.stdout:
        line = line.rstrip()
        if not line:
            continue
        echo(f"  npm: {line}")
        tail = (tail + [line])[-30:]
    if proc.wait() != 0:
        raise LibraryError(f"`npm {args[1]}` failed (exit status {proc.returncode}): " + " / ".join(tail[-8:]))


def install(directory: str | Path | None = None, extra: Mapping[str, str] | None = None, *,
            npm: str | None = None, echo: Echo = print) -> Path:
    """Install the pinned libraries (and ``extra``, ``{global: "package@version"}``) with npm.

    ``directory`` defaults to the cache directory (:func:`default_dir`), which is filled in a
    scratch folder and moved into place once verified; a given folder is installed in place
    (it must be empty or an earlier jshost installation). Progress goes to ``echo``.
    Returns the directory. Raises :class:`LibraryError` when npm is missing or fails, or what it
    installed does not match the manifest; :class:`~jshost.errors.ConfigError` for a bad ``extra``."""
    extra_packages = _extra_packages(extra)
    npm_path = _npm(npm)
    pinned = manifest()["packages"]
    in_cache = directory is None
    target = Path(directory) if directory is not None else default_dir(extra)
    own = target / "package.json"
    if own.is_file():
        try:
            ours = json.loads(own.read_text(encoding="utf-8")).get("name") == PACKAGE_NAME
        except ValueError:
            ours = False
        if not ours:
            raise LibraryError(f"{target} holds a package.json that jshost did not write: "
                               "install the libraries into an empty folder")
    if in_cache:
        target.parent.mkdir(parents=True, exist_ok=True)
        work = Path(tempfile.mkdtemp(prefix=target.name + ".partial-", dir=target.parent))
    else:
        target.mkdir(parents=True, exist_ok=True)
        work = target
        (work / MARKER).unlink(missing_ok=True)  # not installed until verified again
    count = f"{len(manifest()['lock'])} packages with their dependencies"
    if extra_packages:
        count = f"{len(manifest()['lock'])} pinned packages, plus {', '.join(sorted(extra_packages))} and theirs"
    echo(f"jshost: installing {len(pinned) + len(extra_packages)} libraries ({count}) into {target} with {npm_path}")
    try:
        # package.json names the pinned packages only, to match the lock `npm ci` installs;
        # `npm install` adds the function's own packages to both afterwards.
        dependencies = {name: spec["version"] for name, spec in pinned.items()}
        (work / "package.json").write_text(json.dumps({"name": PACKAGE_NAME, "private": True, "description":
                                                       "npm libraries for jshost functions (jshost deps install)",
                                                       "dependencies": dependencies}, indent=2) + "\n")
        (work / "package-lock.json").write_text(json.dumps(lockfile(), indent=2) + "\n")
        # `npm ci` installs exactly the lock (and checks each tarball's integrity against it);
        # a function's own packages are then added by `npm install`, which keeps the locked ones.
        _run_npm([npm_path, "ci", *_NPM_FLAGS], work, echo)
        if extra_packages:
            _run_npm([npm_path, "install", "--save-exact", *_NPM_FLAGS,
                      *(f"{p}@{v}" for p, v in sorted(extra_packages.items()))], work, echo)
        installed = verify(work, extra)
        (work / MARKER).write_text(json.dumps({"manifest": manifest_key(), "extra": extra_packages,
                                               "installed": installed}, indent=2, sort_keys=True) + "\n")
        if in_cache:
            _move_into_place(work, target)
    except BaseException:
        if in_cache:
            shutil.rmtree(work, ignore_errors=True)
        raise
    echo(f"jshost: verified {len(installed)} packages against {MANIFEST_PATH.name} (sha512); ready: "
         + ", ".join(f"{name}@{installed[name]}" for name in [*pinned, *extra_packages]))
    if not in_cache:
        echo(f"jshost: set {ENV_DIR}={target} where functions run")
    return target


def _move_into_place(work: Path, target: Path) -> None:
    """Replace ``target`` with the finished ``work`` folder (a concurrent reader sees one or the other)."""
    old = None
    if target.exists():
        old = Path(tempfile.mkdtemp(prefix=target.name + ".old-", dir=target.parent))
        os.rmdir(old)
        os.replace(target, old)
    os.replace(work, target)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def verify(directory: str | Path, extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """Check an installation against the manifest; returns ``{package path: version}`` of what it holds.

    Reads npm's record of what it installed (``node_modules/.package-lock.json``, else
    ``package-lock.json``): every package of the manifest's lock must be there with the pinned
    version and integrity, the function's own packages at the asked version, and each
    package's own ``package.json`` on disk must name that version."""
    root = Path(directory)
    record = None
    for candidate in (root / "node_modules" / ".package-lock.json", root / "package-lock.json"):
        try:
            record = json.loads(candidate.read_text(encoding="utf-8"))["packages"]
            break
        except (OSError, ValueError, KeyError):
            continue
    if record is None:
        raise LibraryError(f"{root}: no npm record of installed packages (was `npm ci` run there?)")
    installed: dict[str, str] = {}
    for path, spec in manifest()["lock"].items():
        entry = record.get(path)
        name = path.rsplit("node_modules/", 1)[1]
        if entry is None:
            raise LibraryError(f"{name} is missing from {root}")
        if entry.get("version") != spec["version"]:
            raise LibraryError(f"{name}: installed {entry.get('version')}, the manifest pins {spec['version']}")
        if entry.get("integrity") != spec["integrity"]:
            raise LibraryError(f"{name}@{spec['version']}: integrity {entry.get('integrity')} does not match "
                               f"the manifest's {spec['integrity']}")
        installed[name if path.count("node_modules/") == 1 else path] = spec["version"]
    for package, version in _extra_packages(extra).items():
        entry = record.get(f"node_modules/{package}")
        if entry is None or entry.get("version") != version:
            found = entry.get("version") if entry else "nothing"
            raise LibraryError(f"{package}: asked for {version}, npm installed {found}")
        if not str(entry.get("integrity", "")).startswith("sha512-"):
            raise LibraryError(f"{package}@{version}: npm recorded no sha512 integrity for it")
        installed[package] = version
    for name in [*manifest()["packages"], *_extra_packages(extra)]:
        try:
            on_disk = json.loads((root / "node_modules" / name / "package.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            raise LibraryError(f"{name}: {root / 'node_modules' / name / 'package.json'} is missing or unreadable") \
                from None
        if on_disk.get("version") != installed[name]:
            raise LibraryError(f"{name}: the files on disk are version {on_disk.get('version')}, "
                               f"npm recorded {installed[name]}")
    return installed


def install_for_config(instances: Iterable[Mapping[str, str]], directory: str | Path | None = None, *,
                       npm: str | None = None, echo: Echo = print) -> list[Path]:
    """Install what a server config's instances need: the pinned libraries, plus each distinct set
    of an instance's own libraries (into ``directory`` all together, or one cache directory each)."""
    sets = sorted({tuple(sorted(extra.items())) for extra in instances if extra})
    if directory is not None:
        union: dict[str, str] = {}
        for extra_set in sets:
            union.update(extra_set)
        _extra_packages(union)  # one version per package
        return [install(directory, union, npm=npm, echo=echo)]
    done = [install(None, None, npm=npm, echo=echo)]
    done += [install(None, dict(extra_set), npm=npm, echo=echo) for extra_set in sets]
    return done


# --------------------------------------------------------------------------- maintainers

def relock(npm: str | None = None, echo: Echo = print) -> None:
    """Recompute the manifest's ``lock`` with npm from its ``packages`` (after changing a pin).

    Checks that each pinned package's integrity is the one npm resolved, then rewrites
    ``libraries.json``. Run ``python -m jshost.deps relock`` from a checkout."""
    data = json.loads(MANIFEST_PATH.read_text(encoding="utf-8"))
    npm_path = _npm(npm)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        deps = {name: spec["version"] for name, spec in data["packages"].items()}
        (work / "package.json").write_text(json.dumps({"name": PACKAGE_NAME, "private": True, "dependencies": deps}))
        _run_npm([npm_path, "install", "--package-lock-only", *_NPM_FLAGS], work, echo)
        tree = json.loads((work / "package-lock.json").read_text())["packages"]
    lock = {}
    for path, entry in sorted(tree.items()):
        if not path:
            continue
        if "resolved" in entry:
            raise LibraryError(f"{path}: npm wrote a registry address into the lockfile; use npm 8.7 or later")
        lock[path] = {key: entry[key] for key in ("version", "integrity", "dependencies", "optionalDependencies",
                                                 "peerDependencies", "engines", "bin", "license") if key in entry}
    for name, spec in data["packages"].items():
        got = lock.get(f"node_modules/{name}", {})
        if got.get("version") != spec["version"] or got.get("integrity") != spec["integrity"]:
            raise LibraryError(f"{name}: npm resolved {got.get('version')} {got.get('integrity')}, the manifest pins "
                               f"{spec['version']} {spec['integrity']}")
    data["lock"] = lock
    MANIFEST_PATH.write_text(format_manifest(data), encoding="utf-8")
    manifest.cache_clear()
    echo(f"{MANIFEST_PATH}: lock of {len(lock)} packages written")


def format_manifest(data: Mapping[str, Any]) -> str:
    """``libraries.json`` as it is kept in the repository: one line per package."""
    lines = ["{"]
    sections = list(data.items())
    for i, (key, value) in enumerate(sections):
        comma = "," if i < len(sections) - 1 else ""
        if isinstance(value, dict):
            lines.append(f"  {json.dumps(key)}: {{")
            items = list(value.items())
            for j, (name, item) in enumerate(items):
                lines.append(f"    {json.dumps(name)}: {json.dumps(item)}" + ("," if j < len(items) - 1 else ""))
            lines.append("  }" + comma)
        else:
            lines.append(f"  {json.dumps(key)}: {json.dumps(value)}{comma}")
    lines.append("}")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    if sys.argv[1:] == ["relock"]:
        relock()
    else:
        print("usage: python -m jshost.deps relock", file=sys.stderr)
        sys.exit(2)
