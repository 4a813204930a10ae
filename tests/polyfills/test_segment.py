"""Segment.* message builders, checked against RUNTIME-FACTS "Segment.*"."""

from __future__ import annotations

import pytest

from conftest import JSError


def test_identify_keys_in_order_and_only_truthy(js) -> None:
    msg = js("""Segment.identify({userId: 'u1', anonymousId: '', traits: {name: 'Jane', gone: null},
                                  context: {ip: '1.2.3.4'}, integrations: 0, messageId: 'm1', sentAt: false,
                                  timestamp: '2020-01-01T00:00:00.000Z', unknown: 'dropped'})""")
    assert list(msg) == ["type", "traits", "userId", "context", "messageId", "timestamp"]
    assert msg["type"] == "identify"
    assert msg["traits"] == {"name": "Jane", "gone": None}  # nested values copied as they are


def test_track_requires_event_before_user(js) -> None:
    with pytest.raises(JSError) as info:
        js("Segment.track({})")
    assert (info.value.name, info.value.message) == ("ValidationError", "event is required but not defined")
    with pytest.raises(JSError) as info:
        js("Segment.track({event: ''})")
    assert info.value.message == "event is required but not defined"
    with pytest.raises(JSError) as info:
        js("Segment.track({event: 'x'})")
    assert info.value.message == "One of userId,anonymousId is required but not defined"


def test_track_with_null_event_passes(js) -> None:
    msg = js("Segment.track({event: null, anonymousId: 'a', properties: {p: 1}})")
    assert msg == {"type": "track", "event": None, "properties": {"p": 1}, "anonymousId": "a"}


def test_page_screen_group_alias_shapes(js) -> None:
    out = js("""[
      Segment.page({name: 'Home', properties: {a: 1}, userId: 'u'}),
      Segment.screen({name: '', properties: {}, userId: 'u'}),
      Segment.group({groupId: 0, traits: {t: 1}, userId: 'u'}),
      Segment.alias({previousId: 'old', userId: 'new'}),
    ]""")
    assert [list(m) for m in out] == [
        ["type", "name", "properties", "userId"],
        ["type", "properties", "userId"],          # "" name dropped, {} properties kept
        ["type", "groupId", "traits", "userId"],   # groupId 0 passes the check and is kept as given
        ["type", "previousId", "userId"],
    ]
    assert out[2]["groupId"] == 0


@pytest.mark.parametrize("call, message", [
    ("Segment.group({userId: 'u'})", "groupId is required but not defined"),
    ("Segment.group({groupId: '', userId: 'u'})", "groupId is required but not defined"),
    ("Segment.alias({userId: 'u'})", "previousId is required but not defined"),
    ("Segment.set({id: 1})", "collection is required but not defined"),
    ("Segment.set({collection: 'c'})", "id is required but not defined"),
    ("Segment.set({collection: 'c', id: ''})", "id is required but not defined"),
    ("Segment.page({name: 'x'})", "One of userId,anonymousId is required but not defined"),
])
def test_validation_messages(js, call: str, message: str) -> None:
    with pytest.raises(JSError) as info:
        js(call)
    assert info.value.name == "ValidationError"
    assert info.value.message == message


def test_set_accepts_id_zero_and_goes_to_objects(js) -> None:
    out = js("""const o = Segment.set({collection: 'users', id: 0, properties: {a: 1}});
                [o, Segment.objects.length, Segment.events.length]""")
    assert out == [{"collection": "users", "id": 0, "properties": {"a": 1}}, 1, 0]


def test_call_without_argument_is_a_type_error(js) -> None:
    for method in ("identify", "track", "page", "screen", "group", "alias", "set"):
        with pytest.raises(JSError) as info:
            js(f"Segment.{method}()")
        assert info.value.name == "TypeError"


def test_throwing_call_pushes_nothing(js) -> None:
    assert js("try { Segment.track({event: 'e'}) } catch (e) {} Segment.events.length") == 0


def test_context_is_copied_but_properties_are_shared(js) -> None:
    # lodash merge copies plain objects of the common fields; traits/properties are the caller's.
    out = js("""const ctx = {a: {b: 1}}; const props = {p: 1};
                const m = Segment.track({event: 'e', userId: 'u', context: ctx, properties: props});
                ctx.a.b = 2; props.p = 2;
                [m.context.a.b, m.properties.p, m.context === ctx, m.properties === props]""")
    assert out == [1, 2, False, True]


def test_date_timestamp_serialises_to_iso(js) -> None:
    out = js("JSON.stringify(Segment.track({event: 'e', userId: 'u', timestamp: new Date(0)}))")
    assert '"timestamp":"1970-01-01T00:00:00.000Z"' in out


def test_methods_return_the_message(js) -> None:
    assert js("const r = Segment.identify({userId: 'x'}); r === Segment.events[Segment.events.length - 1]") is True
