"""Installing the libraries (jshost.deps, `jshost deps install`) with a stand-in for npm.

No network: a small script plays npm (it records its arguments and fills node_modules from
the lockfile it is handed, or misbehaves on request), so these tests check what jshost asks
npm for and what it accepts back. The real npm is exercised by `.ci/run` (`jshost deps install`).
"""

from __future__ import annotations

import json
import os
import re
import sys
from pathlib import Path

import pytest

from jshost import deps
from jshost.cli import main
from jshost.errors import ConfigError

# Plays `npm ci` / `npm install pkg@ver...`: node_modules/<name>/package.json and npm's record
# (node_modules/.package-lock.json) from the lockfile. FAKE_NPM_MODE: "ok", "tamper" (another
# integrity for xml), "fail" (exit 1 with a message), "wrong-version" (an extra at another version).
FAKE_NPM = r'''#!{python}
import json, os, sys, hashlib, base64
from pathlib import Path
args = sys.argv[1:]
with open(os.environ["FAKE_NPM_LOG"], "a") as log:
    log.write(json.dumps([os.getcwd(), args]) + "\n")
mode = os.environ.get("FAKE_NPM_MODE", "ok")
if mode == "fail":
    print("npm error code E404")
    print("npm error 404 Not Found - GET somewhere - not found")
    sys.exit(1)
lock = json.loads(Path("package-lock.json").read_text())
packages = lock["packages"]
if args[0] == "install":
    for spec in [a for a in args[1:] if not a.startswith("-")]:
        name, _, version = spec.rpartition("@")
        if mode == "wrong-version":
            version = "0.0.1"
        digest = base64.b64encode(hashlib.sha512(spec.encode()).digest()).decode()
        packages["node_modules/" + name] = {{"version": version, "integrity": "sha512-" + digest}}
        packages[""].setdefault("dependencies", {{}})[name] = version
if mode == "tamper":
    packages["node_modules/xml"] = dict(packages["node_modules/xml"], integrity="sha512-" + "A" * 86 + "==")
for path, entry in packages.items():
    if path:
        folder = Path(path)
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "package.json").write_text(json.dumps({{"name": path.rsplit("node_modules/", 1)[1],
                                                          "version": entry["version"]}}))
Path("package-lock.json").write_text(json.dumps(lock))
Path("node_modules/.package-lock.json").write_text(json.dumps(lock))
print("added %d packages in 0s" % (len(packages) - 1))
'''


@pytest.fixture()
def npm(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict:
    script = tmp_path / "bin" / "npm"
    script.parent.mkdir()
    script.write_text(FAKE_NPM.format(python=sys.executable))
    script.chmod(0o755)
    log = tmp_path / "npm-calls.jsonl"
    monkeypatch.setenv("FAKE_NPM_LOG", str(log))
    monkeypatch.setenv("FAKE_NPM_MODE", "ok")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv(deps.ENV_DIR, raising=False)

    def calls() -> list:
        return [json.loads(line) for line in log.read_text().splitlines()] if log.exists() else []

    return {"path": str(script), "bin": str(script.parent), "calls": calls}


# --- the manifest -------------------------------------------------------------------------

def test_manifest_pins_exact_versions_integrity_and_the_whole_tree() -> None:
    data = deps.manifest()
    assert data["packages"] and data["lock"]
    for name, spec in data["packages"].items():
        assert re.fullmatch(r"\d+\.\d+\.\d+", spec["version"]), name
        assert re.fullmatch(r"sha512-[A-Za-z0-9+/]{86}==", spec["integrity"]), name
        # the lock installs exactly the pinned package at top level
        top = data["lock"][f"node_modules/{name}"]
        assert (top["version"], top["integrity"]) == (spec["version"], spec["integrity"]), name
    for path, entry in data["lock"].items():
        assert path.startswith("node_modules/") and "resolved" not in entry, path
        assert re.fullmatch(r"sha512-[A-Za-z0-9+/]{86}==", entry["integrity"]), path
        # every dependency a locked package declares is locked too (at its level or above)
        for dep in entry.get("dependencies", {}):
            parts = path.split("/node_modules/")
            candidates = ["/node_modules/".join(parts[:i]) + f"/node_modules/{dep}" for i in range(len(parts), 0, -1)]
            assert any(c in data["lock"] for c in candidates) or f"node_modules/{dep}" in data["lock"], (path, dep)
    # Segment's global names (docs 004) and where they come from
    assert {"_", "moment", "xml", "xml2js", "uuidv5", "jsonwebtoken", "libphonenumberjslib", "fetchretrylib",
            "zlib"} <= set(data["globals"])
    for name, spec in data["globals"].items():
        assert spec["require"] in data["packages"] or spec["require"] == "zlib", name


def test_the_manifest_names_no_registry() -> None:
    text = deps.MANIFEST_PATH.read_text()
    assert not re.search(r"https?://|registry\.|\.org\b|\.com\b", text)
    assert deps.format_manifest(json.loads(text)) == text  # kept in its canonical layout


def test_lockfile_is_the_manifest_tree_under_our_package() -> None:
    lock = deps.lockfile()
    assert lock["lockfileVersion"] == 3
    assert lock["packages"][""]["dependencies"] == {n: s["version"] for n, s in deps.manifest()["packages"].items()}
    assert {k: v for k, v in lock["packages"].items() if k} == deps.manifest()["lock"]


def test_parse_extra() -> None:
    assert deps.parse_extra({"dayjs": "dayjs@1.11.10", "scoped": "@scope/pkg@2.0.0-beta.1"}) == {
        "dayjs": ("dayjs", "1.11.10"), "scoped": ("@scope/pkg", "2.0.0-beta.1")}
    for bad in ({"x": "dayjs"}, {"not-an-identifier": "a@1.0.0"}, {"x": "dayjs@^1.0.0"}, {"x": "@scope@1.0.0"},
                {"x": "dayjs@latest"}):
        with pytest.raises(ConfigError):
            deps.parse_extra(bad)


def test_an_extra_cannot_repin_a_pinned_package() -> None:
    with pytest.raises(ConfigError, match="pinned at 4.17.21"):
        deps.manifest_key({"lo": "lodash@4.17.15"})
    # the same version is simply the pinned package under another name
    assert deps.manifest_key({"lo": "lodash@4.17.21"}) == deps.manifest_key()
    with pytest.raises(ConfigError, match="both"):
        deps.install_for_config([{"a": "dayjs@1.11.10"}, {"b": "dayjs@1.11.9"}], "/nonexistent", npm="npm")


# --- installing -----------------------------------------------------------------------------

def test_install_into_the_cache_runs_npm_ci_on_the_pinned_lock(npm: dict, tmp_path: Path) -> None:
    lines: list[str] = []
    target = deps.install(npm=npm["path"], echo=lines.append)
    assert target == deps.default_dir() and target.parent == tmp_path / "cache" / "jshost"
    assert deps.installed_dir() == target
    ((cwd, args),) = npm["calls"]()
    assert args[0] == "ci" and "--ignore-scripts" in args and "--omit-lockfile-registry-resolved" in args
    assert Path(cwd).parent == target.parent and Path(cwd) != target  # built aside, moved into place
    assert json.loads((target / "package-lock.json").read_text())["packages"][""]["name"] == deps.PACKAGE_NAME
    # progress: what is installed where, npm's own lines, and the verified result
    assert lines[0].startswith("jshost: installing") and str(target) in lines[0]
    assert any(line.startswith("  npm: added") for line in lines)
    assert lines[-1].startswith("jshost: verified") and "lodash@4.17.21" in lines[-1]
    assert not [p for p in target.parent.iterdir() if ".partial-" in p.name]


def test_a_tampered_package_is_refused_and_nothing_is_installed(npm: dict, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FAKE_NPM_MODE", "tamper")
    with pytest.raises(deps.LibraryError, match=r"xml@1\.0\.1: integrity sha512-AAAA.* does not match"):
        deps.install(npm=npm["path"], echo=lambda _: None)
    assert deps.installed_dir() is None
    assert not deps.default_dir().exists()
    assert not list(deps.default_dir().parent.iterdir())  # the scratch folder is gone too


def test_npm_failing_is_reported_with_its_words(npm: dict, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FAKE_NPM_MODE", "fail")
    lines: list[str] = []
    with pytest.raises(deps.LibraryError, match="npm ci.*exit status 1.*E404"):
        deps.install(npm=npm["path"], echo=lines.append)
    assert "  npm: npm error code E404" in lines
    assert deps.installed_dir() is None


def test_npm_missing(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(deps.LibraryError, match="npm is not on PATH"):
        deps.install(tmp_path / "x", echo=lambda _: None)


def test_a_folder_of_ones_own_is_installed_in_place_and_found_through_the_env(
        npm: dict, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "image" / "libs"
    lines: list[str] = []
    assert deps.install(folder, npm=npm["path"], echo=lines.append) == folder
    assert (folder / deps.MARKER).is_file() and npm["calls"]()[0][0] == str(folder)
    assert any(f"{deps.ENV_DIR}={folder}" in line for line in lines)
    assert deps.installed_dir() is None  # not in the cache
    monkeypatch.setenv(deps.ENV_DIR, str(folder))
    assert deps.installed_dir() == folder
    # a marker from another manifest does not count
    marker = json.loads((folder / deps.MARKER).read_text())
    (folder / deps.MARKER).write_text(json.dumps(dict(marker, manifest="0" * 16)))
    assert deps.installed_dir() is None
    # installing again replaces it
    deps.install(folder, npm=npm["path"], echo=lambda _: None)
    assert deps.installed_dir() == folder


def test_a_project_folder_is_never_overwritten(npm: dict, tmp_path: Path) -> None:
    (tmp_path / "package.json").write_text('{"name": "my-app"}')
    with pytest.raises(deps.LibraryError, match="did not write"):
        deps.install(tmp_path, npm=npm["path"], echo=lambda _: None)
    assert json.loads((tmp_path / "package.json").read_text()) == {"name": "my-app"}
    assert npm["calls"]() == []


def test_a_functions_own_packages_are_added_at_their_exact_version(npm: dict, monkeypatch: pytest.MonkeyPatch) -> None:
    extra = {"dayjs": "dayjs@1.11.10"}
    target = deps.install(extra=extra, npm=npm["path"], echo=lambda _: None)
    assert target == deps.default_dir(extra) != deps.default_dir()
    (_, ci), (_, add) = npm["calls"]()
    assert ci[0] == "ci" and add[0] == "install" and "--save-exact" in add and "dayjs@1.11.10" in add
    assert deps.installed_dir(extra) == target
    assert deps.installed_dir() is None  # the plain set has its own directory
    assert deps.installed_dir({"dayjs": "dayjs@1.11.9"}) is None
    monkeypatch.setenv("FAKE_NPM_MODE", "wrong-version")
    with pytest.raises(deps.LibraryError, match="dayjs: asked for 1.11.10, npm installed 0.0.1"):
        deps.install(extra=extra, npm=npm["path"], echo=lambda _: None)


def test_verify_checks_the_files_on_disk_too(npm: dict, tmp_path: Path) -> None:
    folder = deps.install(tmp_path / "libs", npm=npm["path"], echo=lambda _: None)
    assert deps.verify(folder)["lodash"] == "4.17.21"
    (folder / "node_modules" / "lodash" / "package.json").write_text('{"version": "4.0.0"}')
    with pytest.raises(deps.LibraryError, match="lodash: the files on disk are version 4.0.0"):
        deps.verify(folder)
    (folder / "node_modules" / ".package-lock.json").unlink()
    (folder / "package-lock.json").unlink()
    with pytest.raises(deps.LibraryError, match="no npm record"):
        deps.verify(folder)


def test_cli_installs_the_config_libraries_into_one_folder(npm: dict, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("PATH", npm["bin"] + os.pathsep + os.environ["PATH"])
    (tmp_path / "fn.js").write_text("async function onRequest() {}")
    config = tmp_path / "jshost.toml"
    config.write_text('[instances.a]\ncode = "fn.js"\nlibraries = { dayjs = "dayjs@1.11.10" }\n'
                      '[instances.b]\ncode = "fn.js"\n')
    folder = tmp_path / "libs"
    assert main(["deps", "install", "--dir", str(folder), "--config", str(config)]) == 0
    err = capsys.readouterr().err
    assert "jshost: installing 11 libraries" in err and "dayjs@1.11.10" in err
    monkeypatch.setenv(deps.ENV_DIR, str(folder))
    assert deps.installed_dir({"dayjs": "dayjs@1.11.10"}) == folder
    assert main(["deps", "where"]) == 0 and capsys.readouterr().out.strip() == str(folder)
    monkeypatch.setenv("FAKE_NPM_MODE", "fail")
    assert main(["deps", "install", "--dir", str(folder)]) == 1
    assert "jshost: error:" in capsys.readouterr().err
    monkeypatch.delenv(deps.ENV_DIR)
    assert main(["deps", "where"]) == 1 and "not installed" in capsys.readouterr().out


def test_a_missing_library_names_the_command(npm: dict, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from jshost.libraries import plan_for

    plan = plan_for("async function onRequest() { return moment() }")
    assert plan.modules == () and plan.missing["moment"] == (
        "the library behind `moment` (moment-timezone@0.5.31) is not installed: run `jshost deps install` once "
        "(it installs the pinned libraries with npm)")
    monkeypatch.setenv(deps.ENV_DIR, str(tmp_path / "libs"))
    assert "`jshost deps install --dir " + str(tmp_path / "libs") + "`" in plan_for("moment").missing["moment"]
    assert "--config" in plan_for("dayjs", {"dayjs": "dayjs@1.11.10"}).missing["dayjs"]


def test_the_cache_key_follows_the_manifest(monkeypatch: pytest.MonkeyPatch) -> None:
    key = deps.manifest_key()
    assert re.fullmatch(r"[0-9a-f]{16}", key) and deps.default_dir().name == f"libraries-{key}"
    assert deps.manifest_key({"dayjs": "dayjs@1.11.10"}) != key
    changed = json.loads(json.dumps(deps.manifest()))
    changed["lock"]["node_modules/sax"]["version"] = "0.0.0"
    monkeypatch.setattr(deps, "manifest", lambda: changed)
    assert deps.manifest_key() != key


def test_config_libraries_are_checked_when_the_config_loads(tmp_path: Path) -> None:
    from jshost.serverconfig import load_config

    (tmp_path / "fn.js").write_text("async function onRequest() {}")
    good = tmp_path / "good.toml"
    good.write_text('[instances.a]\ncode = "fn.js"\nlibraries = { dayjs = "dayjs@1.11.10" }\n')
    assert dict(load_config(good).instances[0].libraries) == {"dayjs": "dayjs@1.11.10"}
    bad = tmp_path / "bad.toml"
    bad.write_text('[instances.a]\ncode = "fn.js"\nlibraries = { dayjs = "dayjs@^1" }\n')
    with pytest.raises(ConfigError, match="exact-version"):
        load_config(bad)


def test_each_set_of_own_libraries_gets_its_cache_directory(npm: dict) -> None:
    done = deps.install_for_config([{"a": "dayjs@1.11.10"}, {}, {"a": "dayjs@1.11.10"}, {"b": "nanoid@3.3.7"}],
                                   npm=npm["path"], echo=lambda _: None)
    assert done == [deps.default_dir(), deps.default_dir({"a": "dayjs@1.11.10"}), deps.default_dir({"b": "nanoid@3.3.7"})]
    assert all(deps.installed_dir(extra) is not None for extra in (None, {"x": "dayjs@1.11.10"}, {"y": "nanoid@3.3.7"}))
