"""Functions, instances and invocations: kinds, isolation, limits, Segment semantics."""

from __future__ import annotations

import asyncio

import pytest

import jshost
from jshost import Limits, SourceRequest
from jshost.errors import ErrorType, FunctionSyntaxError, NoHandlerError, TopLevelError

FAST = Limits(timeout=1.0, memory=32 * 1024 * 1024)


def load(source: str, **kw) -> jshost.Function:
    return jshost.function_from_source(source, "handler.js", **kw)


# --- loading and kinds -------------------------------------------------------------

@pytest.mark.parametrize("source, kind", [
    ("async function onRequest(request, settings) {}", "source"),
    ("async function onTrack(event, settings) {}", "destination"),
    ("const onIdentify = async (event) => {}", "destination"),
    ("let onBatch = async (events) => events.length", "destination"),
    ("exports.processEvents = async (event) => ({events: []})", "legacy"),
])
def test_kind_detection(source: str, kind: str) -> None:
    assert load(source).kind == kind


def test_no_handler_lists_what_was_looked_for() -> None:
    with pytest.raises(NoHandlerError) as info:
        load("var x = 1")
    message = str(info.value)
    for name in ("onRequest", "onTrack", "onBatch", "exports.processEvents"):
        assert name in message


def test_syntax_error_names_file_line_and_column() -> None:
    with pytest.raises(FunctionSyntaxError) as info:
        load("async function onRequest() {\n  const x = ;\n}")
    assert str(info.value).startswith("handler.js:2:")
    assert "SyntaxError" in str(info.value)


def test_top_level_throw_is_a_load_error() -> None:
    with pytest.raises(TopLevelError) as info:
        load("async function onRequest() {}\nnull.boom")
    assert info.value.name == "TypeError"
    assert "handler.js:2:" in str(info.value)


def test_top_level_infinite_loop_is_bounded() -> None:
    with pytest.raises(TopLevelError) as info:
        load("async function onRequest() {}\nwhile (true) {}", limits=Limits(timeout=0.3))
    assert "time limit" in str(info.value)


# --- source invocations ------------------------------------------------------------

async def test_source_messages_logs_and_discarded_return() -> None:
    fn = load("""async function onRequest(request, settings) {
        const body = request.json();
        console.log('hi', settings.greeting);
        Segment.identify({userId: body.id, traits: {name: body.name}});
        Segment.set({collection: 'c', id: body.id});
        return 'ignored';
    }""")
    async with fn.instance({"greeting": "hello"}) as inst:
        result = await inst.invoke_source(SourceRequest(body={"id": "u1", "name": "Jane"}))
    assert result.ok and result.kind == "source"
    assert result.events == [{"type": "identify", "traits": {"name": "Jane"}, "userId": "u1"}]
    assert result.objects == [{"collection": "c", "id": "u1"}]
    assert result.return_value is None
    assert [(x.level, x.message) for x in result.logs] == [("log", "hi hello")]


async def test_messages_are_dropped_when_the_handler_fails() -> None:
    fn = load("""async function onRequest(request) {
        Segment.track({event: 'e', userId: 'u'});
        throw new Error('late failure');
    }""")
    async with fn.instance() as inst:
        result = await inst.invoke_source()
    assert not result.ok and result.events == [] and result.objects == []
    assert (result.error.name, result.error.message, result.error.type) == ("Error", "late failure",
                                                                            ErrorType.BAD_REQUEST)


async def test_messages_and_logs_do_not_leak_between_invocations() -> None:
    fn = load("""async function onRequest(request) {
        const n = request.json().n;
        console.log('n=' + n);
        Segment.track({event: 'e' + n, userId: 'u'});
    }""")
    async with fn.instance() as inst:
        first = await inst.invoke_source(SourceRequest(body={"n": 1}))
        second = await inst.invoke_source(SourceRequest(body={"n": 2}))
    assert [e["event"] for e in second.events] == ["e2"]
    assert [x.message for x in second.logs] == ["n=2"]
    assert [e["event"] for e in first.events] == ["e1"]


async def test_globals_persist_within_a_slot_and_sloppy_mode_creates_globals() -> None:
    fn = load("""let calls = 0;
    async function onRequest(request) {
        calls++;
        leaked = (typeof leaked === 'number' ? leaked : 0) + 10;  // undeclared: a global in sloppy mode
        Segment.track({event: 'e', userId: 'u', properties: {calls, leaked, viaWindow: window.leaked}});
    }""")
    async with fn.instance(limits=Limits(pool_size=1)) as inst:
        await inst.invoke_source()
        result = await inst.invoke_source()
    assert result.events[0]["properties"] == {"calls": 2, "leaked": 20, "viaWindow": 20}


async def test_instances_are_isolated() -> None:
    fn = load("""var seen = [];
    async function onRequest(request, settings) { seen.push(settings.k);
        Segment.track({event: 'e', userId: 'u', properties: {seen}}) }""")
    async with fn.instance({"k": "a"}) as a, fn.instance({"k": "b"}) as b:
        await a.invoke_source()
        await b.invoke_source()
        ra = await a.invoke_source()
    assert ra.events[0]["properties"]["seen"] == ["a", "a"]


async def test_settings_default_to_empty_object() -> None:
    fn = load("async function onRequest(r, settings) { Segment.track({event: typeof settings + Object.keys(settings).length, userId: 'u'}) }")
    async with fn.instance() as inst:
        result = await inst.invoke_source()
    assert result.events[0]["event"] == "object0"


async def test_request_url_built_from_query_parameters() -> None:
    fn = load("async function onRequest(r) { Segment.track({event: r.url.href, userId: 'u'}) }")
    async with fn.instance() as inst:
        obj = await inst.invoke_source(SourceRequest(query={"a": "1", "b": ["x", "y"]}))
        text = await inst.invoke_source(SourceRequest(query="c=3"))
        given = await inst.invoke_source(SourceRequest(url="https://example.com/hook?z=9"))
    assert obj.events[0]["event"] == "https://fn.segmentapis.com/?a=1&b=x&b=y"
    assert text.events[0]["event"] == "https://fn.segmentapis.com/?c=3"
    assert given.events[0]["event"] == "https://example.com/hook?z=9"


async def test_load_time_console_output_reaches_the_first_result() -> None:
    fn = load("console.log('loading');\nasync function onRequest() { console.log('running') }")
    async with fn.instance() as inst:
        first = await inst.invoke_source()
        second = await inst.invoke_source()
    assert [x.message for x in first.logs] == ["loading", "running"]
    assert [x.message for x in second.logs] == ["running"]


# --- destinations --------------------------------------------------------------------

DEST = """
async function onTrack(event, settings) { return {tracked: event.event, key: settings.apiKey} }
async function onIdentify(event) { throw new ValidationError('no email') }
async function onPage(event) { throw new RetryError('try later') }
async function onGroup(event) { throw new InvalidEventPayload('bad group') }
async function onAlias(event) { throw new EventNotSupported('alias not wanted') }
async function onBatch(events, settings) { return events.map(e => e.type) }
"""


async def test_destination_dispatch_and_error_categories() -> None:
    fn = load(DEST)
    async with fn.instance({"apiKey": "k"}) as inst:
        track = await inst.invoke_event({"type": "track", "event": "Bought"})
        assert track.ok and track.return_value == {"tracked": "Bought", "key": "k"}
        cases = {"identify": ("ValidationError", ErrorType.MESSAGE_REJECTED),
                 "page": ("RetryError", ErrorType.RETRY),
                 "group": ("InvalidEventPayload", ErrorType.MESSAGE_REJECTED),
                 "alias": ("EventNotSupported", ErrorType.UNSUPPORTED_EVENT_TYPE),
                 "screen": ("EventNotSupported", ErrorType.UNSUPPORTED_EVENT_TYPE)}
        for type_, (name, category) in cases.items():
            result = await inst.invoke_event({"type": type_})
            assert (result.error.name, result.error.type) == (name, category), type_
        screen = await inst.invoke_event({"type": "screen"})
        assert screen.error.message == "screen not supported"
        unknown = await inst.invoke_event({"type": "mystery"})
        assert unknown.ok and unknown.return_value is None
        batch = await inst.invoke_batch([{"type": "track"}, {"type": "identify"}])
        assert batch.ok and batch.return_value == ["track", "identify"]


async def test_source_without_onrequest_is_unsupported() -> None:
    fn = load("async function onTrack() {}")
    async with fn.instance() as inst:
        result = await inst.invoke_source()
    assert (result.error.name, result.error.message) == ("EventNotSupported", "request not supported")
    assert result.error.type is ErrorType.UNSUPPORTED_EVENT_TYPE


async def test_batch_without_onbatch_is_unsupported() -> None:
    fn = load("async function onTrack() {}")
    async with fn.instance() as inst:
        result = await inst.invoke_batch([{"type": "track"}])
    assert result.error.type is ErrorType.UNSUPPORTED_EVENT_TYPE


async def test_unserialisable_return_value_is_a_clear_error() -> None:
    fn = load("async function onTrack() { const a = {}; a.self = a; return a }")
    async with fn.instance() as inst:
        result = await inst.invoke_event({"type": "track"})
    assert not result.ok and "serialised" in result.error.message


# --- legacy ---------------------------------------------------------------------------

async def test_legacy_process_events() -> None:
    fn = load("""exports.processEvents = async (event) => {
        const { body, headers, queryParameters } = event.payload;
        return { events: [{ type: 'track', event: body.name, userId: headers.u, properties: queryParameters }],
                 objects: [{ collection: 'c', id: 1 }] };
    }""")
    async with fn.instance() as inst:
        result = await inst.invoke_source(SourceRequest(body={"name": "Legacy"}, headers={"u": "42"}, query="a=1"))
    assert result.kind == "legacy" and result.ok
    assert result.events == [{"type": "track", "event": "Legacy", "userId": "42", "properties": {"a": "1"}}]
    assert result.objects == [{"collection": "c", "id": 1}]


async def test_legacy_missing_arrays_become_empty() -> None:
    fn = load("exports.processEvents = async () => ({})")
    async with fn.instance() as inst:
        result = await inst.invoke_source()
    assert result.ok and result.events == [] and result.objects == []


# --- errors, stacks, limits ----------------------------------------------------------

async def test_stack_points_at_user_file_line_and_column() -> None:
    fn = load("async function onRequest() {\n  helper();\n}\nfunction helper() {\n    throw new TypeError('x');\n}")
    async with fn.instance() as inst:
        result = await inst.invoke_source()
    lines = result.error.stack.split("\n")
    assert lines[0] == "TypeError: x"
    # Lines are exact; columns are QuickJS's, which may sit elsewhere in the same expression than V8's.
    assert lines[1].startswith("    at helper (handler.js:5:")
    assert lines[2] == "    at onRequest (handler.js:2:3)"
    assert len(lines) == 3  # no runtime frames


async def test_thrown_non_error_values() -> None:
    fn = load("async function onRequest() { throw 'plain text' }")
    async with fn.instance() as inst:
        result = await inst.invoke_source()
    assert (result.error.name, result.error.message, result.error.type) == ("Error", "plain text",
                                                                            ErrorType.BAD_REQUEST)


@pytest.mark.parametrize("body", [
    "while (true) {}",
    "await new Promise(() => { (function spin() { Promise.resolve().then(spin) })() })",
])
async def test_runaway_code_times_out_and_the_next_invocation_works(body: str) -> None:
    fn = load(f"""let state = 0;
    async function onRequest(request) {{
        state++;
        if (request.json().spin) {{ {body} }}
        Segment.track({{event: 'ok', userId: 'u', properties: {{state}}}});
    }}""", limits=FAST)
    async with fn.instance(limits=FAST.replace(pool_size=1)) as inst:
        stuck = await inst.invoke_source(SourceRequest(body={"spin": True}))
        assert stuck.error.type is ErrorType.TIMEOUT and stuck.error.name == "TimeoutError"
        healthy = await inst.invoke_source(SourceRequest(body={"spin": False}))
    assert healthy.ok
    # The interrupted context was thrown away: the next one starts from fresh globals.
    assert healthy.events[0]["properties"]["state"] == 1


async def test_unbounded_recursion_is_a_range_error() -> None:
    fn = load("function f(n) { return f(n + 1) + 1 }\nasync function onRequest() { f(0) }", limits=FAST)
    async with fn.instance() as inst:
        result = await inst.invoke_source()
        after = await inst.invoke_source()
    assert (result.error.name, result.error.type) == ("RangeError", ErrorType.BAD_REQUEST)
    assert after.error.name == "RangeError"  # still answering


async def test_out_of_memory_is_reported_and_the_slot_replaced() -> None:
    fn = load("""async function onRequest(r) {
        if (r.json().grow) { const a = []; while (true) a.push(new Array(100000).fill(1)) }
        Segment.track({event: 'fine', userId: 'u'})
    }""", limits=FAST)
    async with fn.instance(limits=FAST.replace(pool_size=1)) as inst:
        oom = await inst.invoke_source(SourceRequest(body={"grow": True}))
        fine = await inst.invoke_source(SourceRequest(body={"grow": False}))
    assert oom.error.type is ErrorType.BAD_REQUEST and "memory" in oom.error.message
    assert fine.ok and fine.events[0]["event"] == "fine"


async def test_never_settling_promise_with_nothing_pending_ends_at_once() -> None:
    fn = load("async function onRequest() { await new Promise(() => {}) }")
    async with fn.instance() as inst:
        result = await inst.invoke_source()
    assert result.error.type is ErrorType.TIMEOUT
    assert result.duration_ms < 1000  # not a timing target: the loop must not wait out 5 s for nothing


async def test_timer_past_the_deadline_is_a_timeout() -> None:
    fn = load("async function onRequest() { await new Promise(r => setTimeout(r, 10000)) }", limits=FAST)
    async with fn.instance(limits=FAST) as inst:
        result = await inst.invoke_source()
    assert result.error.type is ErrorType.TIMEOUT and "timer" in result.error.message


async def test_threaded_slots_run_concurrently_with_the_loop() -> None:
    fn = load("async function onRequest(r) { const t = Date.now(); while (Date.now() - t < 200) {} }")
    async with fn.instance(threaded=True, limits=Limits(pool_size=2)) as inst:
        ticks = 0

        async def ticker() -> None:
            nonlocal ticks
            while True:
                await asyncio.sleep(0.01)
                ticks += 1

        task = asyncio.create_task(ticker())
        results = await asyncio.gather(inst.invoke_source(), inst.invoke_source())
        task.cancel()
    assert all(r.ok for r in results)
    assert ticks >= 5  # the event loop kept running while both slots computed


async def test_large_and_non_latin1_results_cross_the_boundary() -> None:
    fn = load("""async function onTrack(event) {
        console.log('€'.repeat(3000));
        return {big: 'y'.repeat(50000) + 'x'.repeat(50000), emoji: '😀'.repeat(2000)} }""")
    async with fn.instance() as inst:
        result = await inst.invoke_event({"type": "track"})
    assert result.ok, result.error
    assert len(result.return_value["big"]) == 100000 and result.return_value["emoji"] == "😀" * 2000
    assert result.logs[0].message == "€" * 3000
