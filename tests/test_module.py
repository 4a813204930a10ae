"""The CommonJS loader for library code (polyfills/module.js) over synthetic packages."""

from __future__ import annotations

import json
import time
from typing import Any

import pytest

from conftest import JSError
from jshost.config import Limits
from jshost.engine import Slot
from jshost.libraries import LibraryPlan

FILES = {
    "/node_modules/alpha/package.json": json.dumps({"name": "alpha", "main": "lib/main"}),
    "/node_modules/alpha/lib/main.js": "const b = require('./b'); exports.name = 'alpha'; exports.b = b; exports.file = __filename; exports.dir = __dirname;",
    "/node_modules/alpha/lib/b.js": "module.exports = {value: require('../data.json').v, beta: require('beta')}",
    "/node_modules/alpha/data.json": json.dumps({"v": 42}),
    "/node_modules/beta/package.json": json.dumps({"name": "beta", "exports": {".": {"import": "./esm.mjs", "require": "./cjs.js"}, "./extra": "./extra/index.js"}}),
    "/node_modules/beta/cjs.js": "module.exports = 'beta-cjs'",
    "/node_modules/beta/extra/index.js": "module.exports = 'beta-extra'",
    "/node_modules/cyc/package.json": json.dumps({"name": "cyc"}),
    "/node_modules/cyc/index.js": "exports.early = 1; const other = require('./other'); exports.late = 2; exports.seen = other.seen;",
    "/node_modules/cyc/other.js": "const cyc = require('./index'); exports.seen = JSON.stringify(cyc);",
    "/node_modules/uses-node/package.json": json.dumps({"name": "uses-node"}),
    "/node_modules/uses-node/index.js": "const {EventEmitter} = require('events'); const qs = require('node:querystring');"
                                        "module.exports = {ee: typeof EventEmitter, qs: qs.stringify({a: [1, 2]}),"
                                        " version: process.version, util: typeof require('util').inherits};",
    "/node_modules/bad/package.json": json.dumps({"name": "bad"}),
    "/node_modules/bad/index.js": "require('fs')",
    "/node_modules/thrower/package.json": json.dumps({"name": "thrower"}),
    "/node_modules/thrower/index.js": "exports.go = function go() { throw new Error('inside the library') }",
}


@pytest.fixture(scope="module")
def lib() -> Any:
    plan = LibraryPlan(modules=tuple(FILES.items()),
                       globals={"alpha": {"require": "alpha"}, "beta": {"require": "beta", "as": "b"},
                                "cyc": {"require": "cyc"}, "usesNode": {"require": "uses-node"},
                                "bad": {"require": "bad"}, "thrower": {"require": "thrower"}},
                       missing={"ghost": "the library behind `ghost` is not installed"})
    slot = Slot(source="function onRequest() {}", filename="test.js", limits=Limits(), libraries=plan)
    slot.start_blocking()

    def run(code: str) -> Any:
        text = json.dumps({"mode": "eval", "input": code, "settings": {}, "entropy": ""})
        state = slot.turn_sync("invoke", text, time.monotonic() + 5)
        assert state.done is not None
        if not state.done["ok"]:
            err = state.done["error"]
            raise JSError(err["name"], err["message"], err.get("stack", ""))
        return state.done["value"]

    yield run
    slot.close()


def test_main_relative_json_and_package_lookup(lib) -> None:
    assert lib("alpha") == {"name": "alpha", "b": {"value": 42, "beta": "beta-cjs"},
                            "file": "/node_modules/alpha/lib/main.js", "dir": "/node_modules/alpha/lib"}


def test_exports_conditions_pick_require(lib) -> None:
    assert lib("beta") == {"b": "beta-cjs"}


def test_cycles_see_partial_exports(lib) -> None:
    assert lib("cyc") == {"early": 1, "late": 2, "seen": '{"early":1}'}


def test_builtins_and_process(lib) -> None:
    assert lib("usesNode") == {"ee": "function", "qs": "a=1&a=2", "version": "v20.20.0", "util": "function"}


def test_missing_builtin_is_one_clear_sentence(lib) -> None:
    with pytest.raises(JSError) as info:
        lib("bad")
    assert "Cannot find module 'fs'" in info.value.message and 'does not provide the Node built-in "fs"' in info.value.message


def test_user_code_has_no_require(lib) -> None:
    assert lib("typeof require") == "undefined"


def test_not_installed_library_says_what_to_run(lib) -> None:
    with pytest.raises(JSError) as info:
        lib("ghost.x")
    assert "not installed" in info.value.message


def test_library_frames_stay_out_of_user_stacks(lib) -> None:
    with pytest.raises(JSError) as info:
        lib("thrower.go()")
    assert "inside the library" in info.value.message
    assert "node_modules" not in info.value.stack and "<input>" not in info.value.stack
