"""The server's config file (jshost.serverconfig)."""

from __future__ import annotations

from pathlib import Path

import pytest

from jshost.errors import ConfigError
from jshost.serverconfig import load_config, retry_policy

GOOD = """
[server]
port = 9999
store = "data/store.sqlite3"
admin_token = "${ADMIN:-adm}"

[instances.src]
code = "a.js"
settings = { k = "v" }
schema = { k = { type = "string", required = true, sensitive = true } }
token = "t0ken"
limits = { timeout = 2, memory_mib = 64, pool_size = 2 }
delivery = { instances = ["dst"] }

[instances.dst]
code = "b.js"
batch = { size = 5, wait = 1.5 }
retry = { attempts = 3, first_wait = [1, 2], factor = 1, max_wait = 2 }

[instances.track]
code = "a.js"
delivery = { url = "http://127.0.0.1:1/", write_key = "wk", backoff = [0.1, 2, 1] }
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "jshost.toml"
    path.write_text(text)
    return path


def test_good_config(tmp_path: Path) -> None:
    config = load_config(write(tmp_path, GOOD))
    assert config.port == 9999 and config.store == (tmp_path / "data/store.sqlite3").resolve()
    assert config.admin_token == "adm"
    src = config.instance("src")
    assert src.code == (tmp_path / "a.js").resolve() and src.token == "t0ken"
    assert src.limits.timeout == 2 and src.limits.memory == 64 * 1024 * 1024 and src.limits.pool_size == 2
    assert src.delivery.kind == "instances" and src.delivery.instances == ("dst",)
    assert src.schema["k"].sensitive
    dst = config.instance("dst")
    assert (dst.batch.size, dst.batch.wait) == (5, 1.5)
    assert retry_policy(dst, "destination").attempts == 3
    assert retry_policy(src, "source").attempts == 6  # Segment's default for sources
    track = config.instance("track")
    assert track.delivery.url == "http://127.0.0.1:1" and track.delivery.backoff == (0.1, 2.0, 1.0)


@pytest.mark.parametrize("text, fragment", [
    ("[server]\nport = 1\n", "no instances"),
    ("[instances.a]\nsettings = {}\n", "`code`"),
    ("[instances.a]\ncode = 'a.js'\ncolour = 'blue'\n", "unknown key(s) colour"),
    ("[instances.a]\ncode = 'a.js'\ndelivery = { instances = ['nope'] }\n", "'nope', which is not an instance"),
    ("[instances.a]\ncode = 'a.js'\nbatch = { size = 401 }\n", "between 1 and 400"),
    ("[instances.a]\ncode = 'a.js'\nlimits = { timeout = 0 }\n", "timeout must be positive"),
    ("[instances.a]\ncode = 'a.js'\nlimits = { cpu = 1 }\n", "unknown limit(s) cpu"),
    ("[instances.a]\ncode = 'a.js'\ndelivery = { url = 'http://x' }\n", "needs url and write_key"),
    ("[instances.healthz]\ncode = 'a.js'\n", "not admin, healthz or metrics"),
    ("[server]\nwat = 1\n[instances.a]\ncode = 'a.js'\n", "unknown key(s) wat"),
    ("this is = not toml [", "invalid TOML"),
])
def test_bad_configs_name_the_problem(tmp_path: Path, text: str, fragment: str) -> None:
    with pytest.raises(ConfigError) as info:
        load_config(write(tmp_path, text))
    assert fragment in str(info.value)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as info:
        load_config(tmp_path / "nope.toml")
    assert "no such file" in str(info.value)


def test_example_config_parses() -> None:
    root = Path(__file__).resolve().parent.parent
    config = load_config(root / "examples" / "jshost.toml")
    assert {i.name for i in config.instances} == {"signups", "crm"}
    assert all(i.code.is_file() for i in config.instances)
