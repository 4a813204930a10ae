"""Node's crypto module for library code (polyfills/node_crypto.js): crypto.js plus RSA signatures.

Keys come from Node (generated for the run); PKCS#1 v1.5 signatures are deterministic, so
jshost's must be Node's byte for byte; PSS signatures are salted, so each side checks the other's."""

from __future__ import annotations

import json
import subprocess

import pytest

from conftest import NODE
from node_require import assert_same_as_node, node_results, slot_fixture

pytestmark = pytest.mark.skipif(NODE is None, reason="node not on PATH")

KEYGEN = """
const c = require('crypto'); const out = {};
for (const bits of [1024, 2048]) {
  const { privateKey, publicKey } = c.generateKeyPairSync('rsa', { modulusLength: bits });
  out[bits] = { pkcs1: privateKey.export({ type: 'pkcs1', format: 'pem' }), pkcs8: privateKey.export({ type: 'pkcs8', format: 'pem' }),
    spki: publicKey.export({ type: 'spki', format: 'pem' }), rsapub: publicKey.export({ type: 'pkcs1', format: 'pem' }),
    pkcs8der: privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64'),
    spkider: publicKey.export({ type: 'spki', format: 'der' }).toString('base64') };
}
const ec = c.generateKeyPairSync('ec', { namedCurve: 'P-256' });
out.ec = ec.privateKey.export({ type: 'pkcs8', format: 'pem' });
out.encrypted = c.generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem',
  cipher: 'aes-256-cbc', passphrase: 'secret' });
process.stdout.write(JSON.stringify(out));
"""


@pytest.fixture(scope="module")
def keys() -> dict:
    proc = subprocess.run([NODE, "-e", KEYGEN], capture_output=True, text=True, timeout=60, check=True)
    return json.loads(proc.stdout)


@pytest.fixture(scope="module")
def slot():
    yield from slot_fixture()


def test_pkcs1_signatures_are_nodes(slot, keys) -> None:
    snippets = []
    for bits in ("1024", "2048"):
        k = {name: json.dumps(value) for name, value in keys[bits].items()}
        for alg in ("RSA-SHA256", "sha1", "RSA-SHA512", "sha384", "md5", "SHA224", "sha256WithRSAEncryption"):
            snippets.append(f"require('crypto').createSign({json.dumps(alg)}).update('hello').update(' world')"
                            f".sign({k['pkcs1']}, 'base64')")
        snippets += [
            f"require('crypto').createSign('sha256').update('x', 'utf8').sign({k['pkcs8']}, 'hex')",
            f"require('crypto').createSign('sha256').update('x').sign({{key: Buffer.from({k['pkcs8der']}, 'base64'),"
            " format: 'der', type: 'pkcs8'}).toString('base64')",
            f"require('crypto').createSign('sha256').update('buf').sign(Buffer.from({k['pkcs1']})).toString('base64')",
            # one-shot forms; null digest is SHA-256 for RSA
            f"(() => {{ const c = require('crypto'); const s = c.sign('sha256', Buffer.from('d'), {k['pkcs1']});"
            f" return [s.toString('base64'), c.verify('sha256', Buffer.from('d'), {k['rsapub']}, s),"
            f" c.verify(null, Buffer.from('d'), {k['spki']}, s), c.verify(null, Buffer.from('e'), {k['spki']}, s),"
            f" c.createVerify('RSA-SHA256').update('d').verify({k['pkcs1']}, s),"
            f" c.createVerify('sha256').update('d').verify({{key: Buffer.from({k['spkider']}, 'base64'), format: 'der', type: 'spki'}}, s),"
            f" c.createVerify('sha256').update('d').verify({k['spki']}, s.toString('base64'), 'base64'),"
            f" c.createVerify('sha512').update('d').verify({k['spki']}, s)] }})()",
        ]
    assert_same_as_node(slot, snippets)


def test_pss_signatures_verify_both_ways(slot, keys) -> None:
    sign = ("(() => {{ const c = require('crypto'); return [{salts}].map((saltLength) => c.createSign('sha256').update('pss')"
            ".sign({{key: {key}, padding: c.constants.RSA_PKCS1_PSS_PADDING, saltLength}}, 'base64')) }})()")
    verify = ("(() => {{ const c = require('crypto'); return {sigs}.map((s, i) => [[{salts}][i], undefined].map((saltLength) =>"
              " ['pss', 'tampered'].map((text) => c.createVerify('sha256').update(text).verify({{key: {key},"
              " padding: 6, saltLength}}, s, 'base64')))) }})()")
    salts = "-1, -2, 20, 0"
    for bits in ("1024", "2048"):
        k = keys[bits]
        ours = slot.run(sign.format(salts=salts, key=json.dumps(k["pkcs8"])))
        theirs = node_results([sign.format(salts=salts, key=json.dumps(k["pkcs8"]))])[0]
        for sigs in (ours, theirs):
            snippet = verify.format(sigs=json.dumps(sigs), salts=salts, key=json.dumps(k["spki"]))
            answer = slot.run(snippet)
            assert answer == node_results([snippet])[0]
            assert all(row[0][0] and not row[0][1] for row in answer)  # each verifies, the tampered text does not


def test_refusals_and_errors_match_node_where_node_has_them(slot, keys) -> None:
    k = keys["1024"]
    snippets = [
        "(() => { try { require('crypto').createSign('nope') } catch (e) { return [e.name, e.code, e.message] } })()",
        f"(() => {{ const s = require('crypto').createSign('sha256'); s.update('a'); s.sign({json.dumps(k['pkcs1'])});"
        " try { s.update('b') } catch (e) { return [e.code, e.message] } })()",
        "(() => { try { require('crypto').createSign('sha256').update('x').sign('garbage') } catch (e) { return [e.code, e.message] } })()",
        f"(() => {{ try {{ require('crypto').createSign('sha256').update('x').sign({json.dumps(k['spki'])}) }}"
        " catch (e) { return e.code } })()",
        "typeof require('crypto').createHash('sha256').update('x').digest('hex')",
        "require('crypto').createSign('sha256') instanceof require('crypto').Sign",
    ]
    assert_same_as_node(slot, snippets)
    for key in ("ec", "encrypted"):
        message = slot.run(f"(() => {{ try {{ require('crypto').createSign('sha256').update('x').sign({json.dumps(keys[key])}) }}"
                           " catch (e) { return e.message } })()")
        assert "not supported by jshost" in message and ("EC keys" in message or "encrypted" in message)


def test_the_module_is_the_runtime_crypto_plus_signatures(slot) -> None:
    assert slot.run("(() => { const c = require('crypto'); return [typeof c.createSign, typeof c.randomUUID,"
                    " c.createHash === crypto.createHash, require('node:crypto') === c] })()") == [
        "function", "function", True, True]
