"""Globals for the libraries Segment exposes that need a real Node.js (polyfills/unsupported.js)."""

from __future__ import annotations

import re

from conftest import ROOT
from jshost.polyfills import LAZY

NAMES = LAZY["unsupported.js"].globals


def test_each_fails_with_one_sentence_naming_the_library_and_the_alternative(js) -> None:
    out = js("""const uses = {AWS: () => new AWS.S3(), google: () => google.cloud.bigquery, stripe: () => stripe('k'),
        twilio: () => twilio('a', 'b'), hubspotlib: () => hubspotlib.hubspot, mailchimplib: () => mailchimplib.mailchimp,
        sendgrid: () => sendgrid.mail.send({}), jsforce: () => new jsforce.Connection(), winstonlib: () => winstonlib.winston,
        skyflowlib: () => skyflowlib.skyflow, OAuth: () => new OAuth.OAuth(), https: () => https.request({}),
        nodemailjet: () => nodemailjet.nodemailjet};
      const out = {};
      for (const [name, use] of Object.entries(uses)) { try { use(); out[name] = 'no error' } catch (e) { out[name] = [e.name, e.message] } }
      out.kinds = [typeof AWS, String(stripe), `${https}`];
      [out]""")[0]
    assert set(out) - {"kinds"} == set(NAMES)
    for name in NAMES:
        kind, message = out[name]
        assert kind == "Error"
        assert re.fullmatch(rf"{name} \(.+\) is not available in jshost: it needs a real Node\.js runtime; [^.]+(\.[^.]+)*",
                            message), message
        assert "fetch" in message or "console" in message
    assert out["AWS"][1] == ("AWS (aws-sdk) is not available in jshost: it needs a real Node.js runtime; call the AWS "
                             "HTTP APIs with fetch (sign requests with crypto.createHmac)")
    assert out["kinds"] == ["function", "[stripe: not available in jshost]", "[https: not available in jshost]"]


def test_user_code_may_define_these_names(js) -> None:
    assert js("https = {mine: true}; var stripe = 5; function twilio() { return 't' } [https.mine, stripe, twilio()]") == [
        True, 5, "t"]


def test_the_compatibility_page_lists_each_one() -> None:
    page = (ROOT / "docs" / "compatibility.md").read_text()
    section = page[page.index("## Libraries"):]
    for name in NAMES:
        assert f"`{name}`" in section, name
