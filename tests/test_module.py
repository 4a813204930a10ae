"""The CommonJS loader for library code (polyfills/module.js), over synthetic packages.

Where Node can run the same tree, it does: the files are written to a temporary folder and
the same probes run under `node`, so resolution (main, exports conditions and patterns,
index files, extensions, nested node_modules) and loading (cache, cycles, module fields) are
compared with Node's own answers."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest

from conftest import NODE, JSError
from jshost.libraries import LibraryPlan
from node_require import RequireSlot

FILES = {
    "/node_modules/alpha/package.json": json.dumps({"name": "alpha", "main": "lib/main"}),
    "/node_modules/alpha/lib/main.js": "const b = require('./b'); exports.name = 'alpha'; exports.b = b; "
                                       "exports.self = this === module.exports; exports.loaded = module.loaded;",
    "/node_modules/alpha/lib/b.js": "module.exports = {value: require('../data.json').v, beta: require('beta'), "
                                    "parent: module.parent && module.parent.id.split('/').pop()}",
    "/node_modules/alpha/data.json": json.dumps({"v": 42}),
    # conditions are tried in the object's own key order; "import" is not a require condition
    "/node_modules/beta/package.json": json.dumps({"name": "beta", "exports": {
        ".": {"import": "./esm.mjs", "node": {"require": "./cjs.js", "default": "./never.js"}, "default": "./never.js"},
        "./extra": "./extra/index.js", "./feature/*.js": "./src/features/*.js", "./feature/internal/*": None,
        "./feature/*": ["./nope/*.js", "./src/features/*.js"], "./package.json": "./package.json"}}),
    "/node_modules/beta/cjs.js": "module.exports = 'beta-cjs'",
    "/node_modules/beta/never.js": "module.exports = 'wrong condition'",
    "/node_modules/beta/extra/index.js": "module.exports = 'beta-extra'",
    "/node_modules/beta/src/features/one.js": "module.exports = 'feature one'",
    "/node_modules/beta/src/features/internal/secret.js": "module.exports = 'secret'",
    "/node_modules/beta/src/hidden.js": "module.exports = 'hidden'",
    # "default" first wins even when "require" follows
    "/node_modules/gamma/package.json": json.dumps({"name": "gamma", "exports": {"default": "./d.js", "require": "./r.js"}}),
    "/node_modules/gamma/d.js": "module.exports = 'gamma-default'",
    "/node_modules/gamma/r.js": "module.exports = 'gamma-require'",
    # cycles see the exports so far
    "/node_modules/cyc/package.json": json.dumps({"name": "cyc"}),
    "/node_modules/cyc/index.js": "exports.early = 1; const other = require('./other'); exports.late = 2; "
                                  "exports.seen = other.seen;",
    "/node_modules/cyc/other.js": "const cyc = require('./index'); exports.seen = JSON.stringify(cyc);",
    # nested node_modules win over the top level; a folder with index.json; .cjs; a shebang
    "/node_modules/outer/package.json": json.dumps({"name": "outer", "version": "1.0.0"}),
    "/node_modules/outer/index.js": "module.exports = [require('dep').version, require('./conf'), require('./tool.cjs'), "
                                    "require('./bin')]",
    "/node_modules/outer/node_modules/dep/package.json": json.dumps({"name": "dep", "version": "2.0.0"}),
    "/node_modules/outer/node_modules/dep/index.js": "module.exports = require('./package.json')",
    "/node_modules/outer/conf/index.json": json.dumps({"conf": True}),
    "/node_modules/outer/tool.cjs": "module.exports = 'cjs file'",
    "/node_modules/outer/bin.js": "#!/usr/bin/env node\nmodule.exports = 'shebang stripped'",
    "/node_modules/dep/package.json": json.dumps({"name": "dep", "version": "1.0.0"}),
    "/node_modules/dep/index.js": "module.exports = require('./package.json')",
    # scoped packages; main pointing at a folder; strict mode kept
    "/node_modules/@scope/pkg/package.json": json.dumps({"name": "@scope/pkg", "main": "./dist"}),
    "/node_modules/@scope/pkg/dist/index.js": "'use strict'; module.exports = (function () { return this === undefined })()",
    # a module that fails once, then loads (a failed module is not cached)
    "/node_modules/flaky/package.json": json.dumps({"name": "flaky"}),
    "/node_modules/flaky/index.js": "globalThis.flakyRuns = (globalThis.flakyRuns || 0) + 1; "
                                    "if (globalThis.flakyRuns === 1) throw new Error('first load fails'); module.exports = 'loaded'",
    "/node_modules/thrower/package.json": json.dumps({"name": "thrower"}),
    "/node_modules/thrower/index.js": "exports.go = function go() { throw new Error('inside the library') }",
    "/node_modules/badjson/package.json": json.dumps({"name": "badjson", "main": "data.json"}),
    "/node_modules/badjson/data.json": "{not json",
}

# Probes: expressions over `require` (the require of a module at /node_modules/probe/index.js).
PROBES = [
    "require('alpha')",
    "require('beta')", "require('beta/extra')", "require('beta/feature/one.js')",
    "require('beta/package.json').name", "require('gamma')",
    "require('cyc')", "require('outer')", "require('@scope/pkg')",
    "[require.resolve('alpha'), require.resolve('beta/extra'), require.resolve('./index'), require.resolve('events')]",
    "require('alpha') === require('alpha/lib/main.js')",
    "(() => { const m = require.cache[require.resolve('alpha')]; return [m.id, m.filename, m.loaded, m.children.length,"
    " typeof m.require, Object.keys(require.cache).some((k) => k.endsWith('/alpha/data.json'))] })()",
    "(() => { const a = require('alpha'); delete require.cache[require.resolve('alpha')]; return require('alpha') !== a })()",
    "(() => { try { require('flaky') } catch (e) { return [e.message, require('flaky')] } })()",
    "[typeof require('node:events'), require('node:util') === require('util'), require('assert/strict') === require('assert').strict]",
]
ERRORS = [
    "require('beta/src/hidden.js')", "require('beta/feature/internal/secret')", "require('nothing-here')",
    "require('./missing')", "require('badjson')", "require('gamma/sub')",
    "require('beta/feature/one')",  # an array target: the first valid one, even when its file is missing
]


def write_tree(root: Path) -> None:
    for path, text in {**FILES, "/node_modules/probe/index.js": "module.exports = require",
                       "/node_modules/probe/package.json": json.dumps({"name": "probe"})}.items():
        target = root / path.lstrip("/")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text)


@pytest.fixture(scope="module")
def lib() -> Any:
    plan = LibraryPlan(modules=tuple(FILES.items()) + (
        ("/node_modules/probe/package.json", json.dumps({"name": "probe"})),
        ("/node_modules/probe/index.js", "module.exports = require")),
        globals={"probeRequire": {"require": "probe"}, "alpha": {"require": "alpha"}, "beta": {"require": "beta", "as": "b"},
                 "thrower": {"require": "thrower"}, "usesFs": {"require": "./nowhere"},
                 "stripe": {"require": "alpha"}},  # a function's own library may take a name Segment uses
        missing={"ghost": "the library behind `ghost` is not installed: run `jshost deps install`"})
    slot = RequireSlot(plan=plan)
    yield slot
    slot.close()


def normalise(value: Any, root: str) -> Any:
    """Node's absolute paths as jshost's virtual ones (the tree's root is "/")."""
    text = json.dumps(value).replace(json.dumps(root)[1:-1], "")
    return json.loads(text)


@pytest.mark.skipif(NODE is None, reason="node not on PATH")
def test_resolution_and_loading_match_node(lib, tmp_path: Path) -> None:
    write_tree(tmp_path)
    script = ("const out = ((require) => { const out = [];"
              f"for (const probe of {json.dumps(PROBES)}) out.push(eval(probe));"
              f"for (const probe of {json.dumps(ERRORS)}) {{ try {{ eval(probe); out.push('loaded') }}"
              " catch (e) { out.push([e.name, e.code]) } } return out })(require(process.argv[1]));"
              "process.stdout.write(JSON.stringify(out));")
    proc = subprocess.run([NODE, "-e", script, str(tmp_path / "node_modules" / "probe")], capture_output=True,
                          text=True, timeout=30)
    assert proc.returncode == 0, proc.stderr
    theirs = normalise(json.loads(proc.stdout), str(tmp_path))
    ours = lib.run("(() => { const out = []; for (const probe of " + json.dumps(PROBES) + ") out.push(eval(probe));"
                   " for (const probe of " + json.dumps(ERRORS) + ") { try { eval(probe); out.push('loaded') }"
                   " catch (e) { out.push([e.name, e.code]) } } return out })()")
    for probe, mine, node in zip(PROBES + ERRORS, ours, theirs):
        assert mine == node, probe


def test_error_messages(lib) -> None:
    messages = lib.run("""(() => { const out = {};
        for (const [k, spec] of [['fs', 'fs'], ['nodefs', 'node:fs'], ['http', 'http'], ['pkg', 'left-pad'],
                                 ['file', './missing'], ['nonode', 'node:nothing']]) {
          try { require(spec) } catch (e) { out[k] = [e.message, e.code, e.requireStack] } }
        try { require('beta/src/hidden.js') } catch (e) { out.exports = [e.message, e.code] }
        try { require(42) } catch (e) { out.type = [e.name, e.code] }
        return out })()""")
    assert messages["fs"] == ["Cannot find module 'fs': jshost does not provide the Node built-in \"fs\" "
                              "(functions cannot read files)", "MODULE_NOT_FOUND", ["/node_modules/probe/index.js"]]
    assert messages["nodefs"][0].startswith("Cannot find module 'node:fs': jshost does not provide the Node built-in \"fs\"")
    assert "functions make requests with fetch" in messages["http"][0]
    assert messages["pkg"][0].startswith("Cannot find module 'left-pad': the package is not among the files jshost handed")
    assert messages["file"][0] == "Cannot find module './missing': no such file beside /node_modules/probe/index.js"
    assert messages["nonode"][0] == "Cannot find module 'node:nothing': there is no Node built-in \"nothing\""
    assert messages["exports"] == ["Package subpath './src/hidden.js' is not defined by \"exports\" in "
                                   "/node_modules/beta/package.json", "ERR_PACKAGE_PATH_NOT_EXPORTED"]
    assert messages["type"] == ["TypeError", "ERR_INVALID_ARG_TYPE"]


def test_library_globals(lib) -> None:
    assert lib.run("[alpha.name, beta, typeof AWS, String(AWS), stripe.name]") == [
        "alpha", {"b": "beta-cjs"}, "function", "[AWS: not available in jshost]", "alpha"]
    with pytest.raises(JSError, match=r"AWS \(aws-sdk\) is not available in jshost: it needs a real Node.js runtime; call"):
        lib.run("new AWS.S3()")
    with pytest.raises(JSError, match="jshost: the library behind `ghost` is not installed: run `jshost deps install`"):
        lib.run("ghost.x")
    with pytest.raises(JSError, match="Cannot find module './nowhere'"):
        lib.run("usesFs")
    # a user's own value replaces a library global, before or after its first use
    assert lib.run("(ghost = 5, alpha = 'own', [ghost, alpha])") == [5, "own"]


def test_user_code_has_no_require_and_library_frames_are_hidden(lib) -> None:
    # (`exports` is a global of its own: legacy functions assign exports.processEvents)
    assert lib.run("['require', 'module', '__filename', '__dirname'].map((name) => typeof globalThis[name])"
                   ) == ["undefined"] * 4
    with pytest.raises(JSError) as info:
        lib.run("thrower.go()")
    assert info.value.message == "inside the library"
    assert "node_modules" not in info.value.stack and "<input>" not in info.value.stack


def test_library_globals_are_found_by_name_only() -> None:
    from jshost.libraries import mentions

    assert mentions("const x = _.map(a)", "_") and mentions("moment().format()", "moment")
    assert not mentions("obj.moment = 1", "moment") and not mentions("const my_var = 1", "_")
