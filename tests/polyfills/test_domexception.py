"""DOMException (Web IDL, as Node 20 shapes it): differential against Node, plus
behavioural checks that need no node."""

from __future__ import annotations

import json
import subprocess

import pytest

from conftest import NODE

# One script, evaluated both by jshost and by Node; its completion value is
# JSON-able. Stack traces differ in their frames, so only first lines are compared.
CORPUS = r"""
(() => {
  const out = {};
  const t = (f) => { try { return f(); } catch (e) { return ['threw', e.name, e.message, e.code === undefined ? null : e.code]; } };
  const d = (o, k) => { const p = Object.getOwnPropertyDescriptor(o, k); if (!p) return null;
    return [p.writable === undefined ? null : p.writable, p.enumerable, p.configurable, typeof p.get, typeof p.value]; };
  const shape = (e) => [e.name, e.message, e.code, e instanceof Error, e instanceof DOMException,
                        String(e), Object.prototype.toString.call(e), Object.getOwnPropertyNames(e),
                        e.stack.split('\n')[0]];
  out.basic = shape(new DOMException('msg', 'DataCloneError'));
  out.defaults = shape(new DOMException());
  out.undefs = shape(new DOMException(undefined, undefined));
  out.nulls = shape(new DOMException(null, null));
  out.numbers = shape(new DOMException(12, 34));
  out.objMessage = shape(new DOMException({ toString() { return 'ts'; } }, 'SyntaxError'));
  out.optionsForm = (() => { const e = new DOMException('m', { name: 'AbortError', cause: { x: 1 } });
    return [shape(e), e.cause, d(e, 'cause')]; })();
  out.optionsNoName = shape(new DOMException('m', {}));
  out.optionsCauseUndefined = Object.getOwnPropertyNames(new DOMException('m', { cause: undefined }));
  out.optionsNumberName = new DOMException('m', { name: 5 }).name;
  out.optionsGetterThrows = t(() => new DOMException('m', { get name() { throw new RangeError('boom'); } }));
  out.symbolMessage = t(() => new DOMException(Symbol('s')));
  out.symbolName = t(() => new DOMException('m', Symbol('s')));
  // The engine words this message itself (QuickJS differently from V8): compare the class only.
  out.withoutNew = t(() => DOMException('x')).slice(0, 2);
  out.codes = ['IndexSizeError', 'DOMStringSizeError', 'HierarchyRequestError', 'WrongDocumentError',
    'InvalidCharacterError', 'NoDataAllowedError', 'NoModificationAllowedError', 'NotFoundError',
    'NotSupportedError', 'InUseAttributeError', 'InvalidStateError', 'SyntaxError',
    'InvalidModificationError', 'NamespaceError', 'InvalidAccessError', 'ValidationError',
    'TypeMismatchError', 'SecurityError', 'NetworkError', 'AbortError', 'URLMismatchError',
    'QuotaExceededError', 'TimeoutError', 'InvalidNodeTypeError', 'DataCloneError', 'EncodingError',
    'NotReadableError', 'UnknownError', 'ConstraintError', 'DataError', 'TransactionInactiveError',
    'ReadOnlyError', 'VersionError', 'OperationError', 'NotAllowedError', 'INDEX_SIZE_ERR',
    'indexsizeerror', ''].map((n) => new DOMException('', n).code);
  out.ctorNames = Object.getOwnPropertyNames(DOMException);
  out.ctorConstants = Object.keys(DOMException).map((k) => [k, DOMException[k], d(DOMException, k)]);
  out.protoNames = Object.getOwnPropertyNames(DOMException.prototype);
  out.protoKeys = Object.keys(DOMException.prototype);
  out.protoConstant = d(DOMException.prototype, 'DATA_CLONE_ERR');
  out.protoConstantValue = DOMException.prototype.TIMEOUT_ERR;
  out.accessors = ['name', 'message', 'code'].map((k) => [d(DOMException.prototype, k),
    Object.getOwnPropertyDescriptor(DOMException.prototype, k).get.name]);
  out.tag = d(DOMException.prototype, Symbol.toStringTag);
  out.tagValue = DOMException.prototype[Symbol.toStringTag];
  out.chain = [Object.getPrototypeOf(DOMException.prototype) === Error.prototype,
    Object.getPrototypeOf(DOMException) === Function.prototype, DOMException.length, DOMException.name,
    DOMException.prototype.toString === Error.prototype.toString, d(DOMException, 'prototype')];
  out.foreignThis = ['name', 'message', 'code'].map((k) =>
    t(() => Object.getOwnPropertyDescriptor(DOMException.prototype, k).get.call({})));
  out.protoGetter = t(() => DOMException.prototype.name);
  out.assignName = (() => { const e = new DOMException('a', 'b'); e.name = 'zz'; return e.name; })();
  out.stackDescriptor = d(new DOMException('a', 'b'), 'stack');
  out.subclass = (() => { class Sub extends DOMException { constructor() { super('s', 'NotFoundError'); } }
    const s = new Sub(); return [s.name, s.code, s instanceof DOMException, s instanceof Error,
      s.constructor.name, Object.prototype.toString.call(s), s.stack.split('\n')[0]]; })();
  out.json = JSON.stringify(new DOMException('x', { name: 'TimeoutError' }));
  out.keys = Object.keys(new DOMException('x', 'y'));
  out.thrown = t(() => { throw new DOMException('gone', 'AbortError'); });
  out.global = [typeof DOMException, d(globalThis, 'DOMException')];
  return out;
})()
"""


def run_node(code: str) -> object:
    script = "const v = (0, eval)(require('fs').readFileSync(0, 'utf8')); process.stdout.write(JSON.stringify(v));"
    proc = subprocess.run([NODE, "-e", script], input=code, capture_output=True, text=True, timeout=60, check=True)
    return json.loads(proc.stdout)


@pytest.mark.node
@pytest.mark.skipif(NODE is None, reason="node not on PATH")
def test_matches_node(js) -> None:
    ours = js(CORPUS)
    theirs = run_node(CORPUS)
    # Node defines globals of its own kind (enumerable); jshost's runtime globals
    # follow Web IDL's interface-object descriptors (non-enumerable).
    ours.pop("global")
    theirs.pop("global")
    for key in theirs:
        assert ours.get(key) == theirs[key], key
    assert ours.keys() == theirs.keys()


def test_basic_behaviour(js) -> None:
    out = js("""const e = new DOMException('boom', 'DataCloneError');
                [e.name, e.message, e.code, e instanceof Error, String(e), e.stack.split('\\n')[0],
                 DOMException.DATA_CLONE_ERR, e.ABORT_ERR, new DOMException().name,
                 new DOMException('x', 'NotAnError').code, Object.prototype.toString.call(e)]""")
    assert out == ["DataCloneError", "boom", 25, True, "DataCloneError: boom", "DataCloneError: boom",
                   25, 20, "Error", 0, "[object DOMException]"]


def test_stack_shows_user_frames_only(js) -> None:
    stack = js("function make() { return new DOMException('m', 'AbortError') }\nmake().stack")
    lines = stack.split("\n")
    assert lines[0] == "AbortError: m"
    assert lines[1].startswith("    at make (test.js:1:")
    assert all("<input>" not in line for line in lines)


def test_options_form_and_cause(js) -> None:
    out = js("""const e = new DOMException('m', { name: 'TimeoutError', cause: 7 });
                [e.name, e.code, e.cause, Object.getOwnPropertyNames(e), Object.keys(e)]""")
    assert out == ["TimeoutError", 23, 7, ["stack", "cause"], []]


def test_getters_check_receiver(js) -> None:
    out = js("""try { Object.getOwnPropertyDescriptor(DOMException.prototype, 'code').get.call(new Error()) }
                catch (e) { [e.name, e.code] }""")
    assert out == ["TypeError", "ERR_INVALID_THIS"]


def test_internals_reference_survives_user_overwrite(js) -> None:
    # structuredClone throws the runtime's DOMException even if user code replaced the global.
    out = js("""var DOMException = function Fake() {};
                let r; try { structuredClone(() => 1) } catch (e) { r = [e.name, e.code, e.constructor.name] }
                r""")
    assert out == ["DataCloneError", 25, "DOMException"]
