// Node's `stream` module for library code, reduced to what packages commonly do with it:
// the classes (old-style `util.inherits(X, Stream)` subclasses too), push/read/'data'/'end'
// with flowing and paused modes, write/end/'finish', Transform and PassThrough, pipe,
// pipeline, finished, async iteration, and stream/promises.
// https://nodejs.org/docs/latest-v20.x/api/stream.html
// Simplified: no highWaterMark backpressure (write() always returns true, 'drain' never
// fires; a function's data fits in memory), and events are scheduled as microtasks
// (Node uses process.nextTick), so the order relative to other callbacks can differ.

const EventEmitter = internals.node_events;
const nextTick = (fn, ...args) => queueMicrotask(() => fn(...args));

function inherit(Child, Parent) {
  Object.setPrototypeOf(Child.prototype, Parent.prototype);
  Object.setPrototypeOf(Child, Parent);
}

// A chunk as a non-object-mode stream carries it: strings become Buffers.
function toChunk(chunk, encoding, objectMode) {
  if (objectMode) return chunk;
  if (typeof chunk === "string") return internals.Buffer.from(chunk, encoding || "utf8");
  if (chunk instanceof Uint8Array) return chunk instanceof internals.Buffer ? chunk : internals.Buffer.from(chunk);
  throw internals.invalidArgType("chunk", ["string", "Buffer", "Uint8Array"], chunk);
}

function Stream(options) {
  EventEmitter.call(this, options);
}
inherit(Stream, EventEmitter);

// The legacy pipe of `Stream` itself (old-style subclasses that emit 'data' by hand).
Stream.prototype.pipe = function pipe(dest, options) {
  const source = this;
  source.on("data", (chunk) => { if (dest.writable !== false) dest.write(chunk); });
  if (!options || options.end !== false) source.on("end", () => { if (typeof dest.end === "function") dest.end(); });
  dest.emit("pipe", source);
  return dest;
};

// --- Readable -----------------------------------------------------------------------------

function Readable(options = {}) {
  if (!(this instanceof Readable)) return new Readable(options);
  Stream.call(this, options);
  this._readableState = {
    objectMode: Boolean(options.objectMode || options.readableObjectMode), buffer: [], flowing: null, ended: false,
    endEmitted: false, reading: false, decoder: null, destroyed: false, pipes: [],
  };
  this.readable = true;
  if (typeof options.read === "function") this._read = options.read;
  if (typeof options.destroy === "function") this._destroy = options.destroy;
  if (options.encoding) this.setEncoding(options.encoding);
}
inherit(Readable, Stream);

Readable.prototype._read = function _read() {
  const err = new Error("The _read() method is not implemented");
  err.code = "ERR_METHOD_NOT_IMPLEMENTED";
  throw err;
};

Readable.prototype.push = function push(chunk, encoding) {
  const state = this._readableState;
  if (state.ended && chunk !== null) {
    const err = new Error("stream.push() after EOF");
    err.code = "ERR_STREAM_PUSH_AFTER_EOF";
    this.emit("error", err);
    return false;
  }
  if (chunk === null) {
    state.ended = true;
    scheduleFlow(this);
    if (state.onPush) state.onPush();
    return false;
  }
  if (!state.objectMode && typeof chunk === "string" && chunk.length === 0) return true;
  let value = toChunk(chunk, encoding, state.objectMode);
  if (state.decoder !== null) value = state.decoder.write(value);
  if (state.decoder === null || value !== "") state.buffer.push(value);
  scheduleFlow(this);
  if (state.onPush) state.onPush();
  return true;
};
Readable.prototype.unshift = function unshift(chunk) {
  this._readableState.buffer.unshift(toChunk(chunk, undefined, this._readableState.objectMode));
};

// Delivers buffered chunks while flowing, asks _read for more, and ends once drained.
function scheduleFlow(stream) {
  const state = stream._readableState;
  if (state.scheduled) return;
  state.scheduled = true;
  nextTick(() => {
    state.scheduled = false;
    flow(stream);
  });
}

function flow(stream) {
  const state = stream._readableState;
  while (state.flowing && state.buffer.length > 0) stream.emit("data", state.buffer.shift());
  if (state.ended) {
    if (state.buffer.length === 0 && !state.endEmitted && (state.flowing || state.readingAll)) {
      state.endEmitted = true;
      stream.readable = false;
      if (state.decoder !== null) {
        const rest = state.decoder.end();
        if (rest) stream.emit("data", rest);
      }
      stream.emit("end");
      if (stream._autoDestroy !== false) nextTick(() => stream.emit("close"));
    }
    return;
  }
  if (state.flowing && !state.reading) {
    state.reading = true;
    try {
      stream._read(16384);
    } catch (error) {
      stream.destroy(error);
    }
    state.reading = false;
    if (state.buffer.length > 0 || state.ended) scheduleFlow(stream);
  }
}

Readable.prototype.on = function on(name, listener) {
  const result = Stream.prototype.on.call(this, name, listener);
  const state = this._readableState;
  if (name === "data" && state.flowing !== false) this.resume();
  if (name === "readable") { state.readingAll = true; scheduleFlow(this); }
  if (name === "end" && state.endEmitted) nextTick(listener);
  return result;
};
Readable.prototype.addListener = Readable.prototype.on;

Readable.prototype.resume = function resume() {
  this._readableState.flowing = true;
  scheduleFlow(this);
  return this;
};
Readable.prototype.pause = function pause() {
  this._readableState.flowing = false;
  return this;
};
Readable.prototype.isPaused = function isPaused() { return this._readableState.flowing === false; };
Readable.prototype.read = function read() {
  const state = this._readableState;
  if (state.buffer.length === 0) {
    if (!state.ended) {
      state.reading = true;
      try { this._read(16384); } finally { state.reading = false; }
    }
    if (state.buffer.length === 0) { if (state.ended) { state.readingAll = true; scheduleFlow(this); } return null; }
  }
  if (state.objectMode) return state.buffer.shift();
  const all = state.buffer.splice(0);
  return state.decoder !== null ? all.join("") : internals.Buffer.concat(all);
};
Readable.prototype.setEncoding = function setEncoding(encoding) {
  const { StringDecoder } = internals.node_string_decoder;
  const state = this._readableState;
  state.decoder = new StringDecoder(encoding);
  state.buffer = state.buffer.map((chunk) => state.decoder.write(chunk));
  return this;
};
Readable.prototype.pipe = function pipe(dest, options) {
  const state = this._readableState;
  state.pipes.push(dest);
  this.on("data", (chunk) => dest.write(chunk));
  if (!options || options.end !== false) this.on("end", () => dest.end());
  dest.emit("pipe", this);
  return dest;
};
Readable.prototype.unpipe = function unpipe(dest) {
  const state = this._readableState;
  state.pipes = dest === undefined ? [] : state.pipes.filter((d) => d !== dest);
  return this;
};
Readable.prototype.destroy = function destroy(error, callback) {
  return destroyStream(this, error, callback);
};
// Async iteration reads in paused mode, as Node's does: each step takes what is buffered
// (all of it, concatenated, unless in object mode).
Readable.prototype[Symbol.asyncIterator] = function asyncIterator() {
  const stream = this;
  const state = stream._readableState;
  state.flowing = false;
  let failure = null, closed = false, wake = null;
  const notify = () => { if (wake !== null) { const w = wake; wake = null; w(); } };
  state.onPush = notify;
  stream.on("error", (error) => { failure = error; notify(); });
  stream.on("close", () => { closed = true; notify(); });
  const take = () => {
    if (state.objectMode) return state.buffer.shift();
    const all = state.buffer.splice(0);
    return state.decoder !== null ? all.join("") : internals.Buffer.concat(all);
  };
  return {
    async next() {
      for (;;) {
        if (failure !== null) throw failure;
        if (state.buffer.length > 0) return { value: take(), done: false };
        if (state.ended || closed) {
          if (!state.endEmitted) { state.readingAll = true; flow(stream); }
          return { value: undefined, done: true };
        }
        if (!state.reading) {
          state.reading = true;
          try { stream._read(16384); } catch (error) { stream.destroy(error); } finally { state.reading = false; }
          if (state.buffer.length > 0 || state.ended) continue;
        }
        await new Promise((resolve) => { wake = resolve; });
      }
    },
    async return() { stream.destroy(); return { value: undefined, done: true }; },
    [Symbol.asyncIterator]() { return this; },
  };
};
Object.defineProperty(Readable.prototype, "readableEnded", {
  get() { return this._readableState.endEmitted; }, configurable: true,
});
Object.defineProperty(Readable.prototype, "destroyed", {
  get() { return Boolean((this._readableState || this._writableState || {}).destroyed); },
  set(value) { (this._readableState || this._writableState || {}).destroyed = value; }, configurable: true,
});

Readable.from = (iterable, options) => {
  const readable = new Readable({ objectMode: true, ...options, read() {} });
  (async () => {
    try {
      if (typeof iterable === "string" || iterable instanceof Uint8Array) readable.push(iterable);
      else for await (const chunk of iterable) readable.push(chunk);
      readable.push(null);
    } catch (error) {
      readable.destroy(error);
    }
  })();
  return readable;
};

function destroyStream(stream, error, callback) {
  const state = stream._readableState || stream._writableState;
  if (state && state.destroyed) return stream;
  if (state) state.destroyed = true;
  const finish = (err) => {
    nextTick(() => {
      if (err) stream.emit("error", err);
      stream.emit("close");
      if (callback) callback(err);
    });
  };
  if (typeof stream._destroy === "function") stream._destroy(error || null, finish);
  else finish(error);
  return stream;
}

// --- Writable -----------------------------------------------------------------------------

function Writable(options = {}) {
  if (!(this instanceof Writable) && !(this instanceof Duplex)) return new Writable(options);
  Stream.call(this, options);
  initWritable(this, options);
}
inherit(Writable, Stream);

function initWritable(stream, options) {
  stream._writableState = {
    objectMode: Boolean(options.objectMode || options.writableObjectMode), decodeStrings: options.decodeStrings !== false,
    queue: [], writing: false, ending: false, finished: false, destroyed: false, pendingCallbacks: [],
  };
  stream.writable = true;
  if (typeof options.write === "function") stream._write = options.write;
  if (typeof options.writev === "function") stream._writev = options.writev;
  if (typeof options.final === "function") stream._final = options.final;
  if (typeof options.destroy === "function") stream._destroy = options.destroy;
}

Writable.prototype._write = function _write(chunk, encoding, callback) {
  if (typeof this._writev === "function") return this._writev([{ chunk, encoding }], callback);
  const err = new Error("The _write() method is not implemented");
  err.code = "ERR_METHOD_NOT_IMPLEMENTED";
  throw err;
};

Writable.prototype.write = function write(chunk, encoding, callback) {
  if (typeof encoding === "function") { callback = encoding; encoding = undefined; }
  const state = this._writableState;
  if (state.ending) {
    const err = new Error("write after end");
    err.code = "ERR_STREAM_WRITE_AFTER_END";
    nextTick(() => { this.emit("error", err); if (callback) callback(err); });
    return false;
  }
  if (chunk === null) {
    const err = new TypeError("May not write null values to stream");
    err.code = "ERR_STREAM_NULL_VALUES";
    throw err;
  }
  let value = chunk, enc = encoding || "utf8";
  if (!state.objectMode && (state.decodeStrings || typeof chunk !== "string")) {
    value = toChunk(chunk, encoding, false);
    enc = "buffer";
  }
  state.queue.push({ chunk: value, encoding: enc, callback });
  drainQueue(this);
  return true;
};

function drainQueue(stream) {
  const state = stream._writableState;
  if (state.writing) return;
  const item = state.queue.shift();
  if (item === undefined) {
    if (state.ending && !state.finishing) finishWritable(stream);
    return;
  }
  state.writing = true;
  let sync = true;
  const done = (error) => {
    state.writing = false;
    const after = () => {
      if (item.callback) item.callback(error || null);
      if (error) { stream.emit("error", error); return; }
      drainQueue(stream);
    };
    if (sync) nextTick(after); else after();
  };
  try {
    stream._write(item.chunk, item.encoding, done);
  } catch (error) {
    done(error);
  }
  sync = false;
}

function finishWritable(stream) {
  const state = stream._writableState;
  state.finishing = true;
  const finish = (error) => {
    if (error) { stream.emit("error", error); return; }
    nextTick(() => {
      state.finished = true;
      stream.writable = false;
      // end()'s callbacks run before the 'finish' listeners, as in Node 20.
      for (const callback of state.pendingCallbacks.splice(0)) callback();
      stream.emit("finish");
      const readable = stream._readableState;
      if (!readable && stream._autoDestroy !== false) nextTick(() => stream.emit("close"));
    });
  };
  if (typeof stream._final === "function") {
    try { stream._final(finish); } catch (error) { finish(error); }
  } else {
    finish();
  }
}

Writable.prototype.end = function end(chunk, encoding, callback) {
  if (typeof chunk === "function") { callback = chunk; chunk = undefined; }
  if (typeof encoding === "function") { callback = encoding; encoding = undefined; }
  const state = this._writableState;
  if (chunk !== undefined && chunk !== null) this.write(chunk, encoding);
  if (callback) {
    if (state.finished) nextTick(callback);
    else state.pendingCallbacks.push(callback);
  }
  if (!state.ending) {
    state.ending = true;
    drainQueue(this);
  }
  return this;
};
Writable.prototype.cork = function cork() {};
Writable.prototype.uncork = function uncork() {};
Writable.prototype.setDefaultEncoding = function setDefaultEncoding() { return this; };
Writable.prototype.destroy = function destroy(error, callback) { return destroyStream(this, error, callback); };
Object.defineProperty(Writable.prototype, "writableFinished", {
  get() { return this._writableState.finished; }, configurable: true,
});
Object.defineProperty(Writable.prototype, "writableEnded", {
  get() { return this._writableState.ending; }, configurable: true,
});

// --- Duplex, Transform, PassThrough --------------------------------------------------------

function Duplex(options = {}) {
  if (!(this instanceof Duplex)) return new Duplex(options);
  Readable.call(this, options);
  initWritable(this, options);
  if (options.allowHalfOpen === false) this.once("end", () => this.end());
}
inherit(Duplex, Readable);
for (const key of ["write", "end", "cork", "uncork", "setDefaultEncoding", "_write"]) {
  Duplex.prototype[key] = Writable.prototype[key];
}
for (const key of ["writableFinished", "writableEnded"]) {
  Object.defineProperty(Duplex.prototype, key, Object.getOwnPropertyDescriptor(Writable.prototype, key));
}

function Transform(options = {}) {
  if (!(this instanceof Transform)) return new Transform(options);
  Duplex.call(this, options);
  if (typeof options.transform === "function") this._transform = options.transform;
  if (typeof options.flush === "function") this._flush = options.flush;
}
inherit(Transform, Duplex);
Transform.prototype._read = function _read() {};
Transform.prototype._transform = function _transform() {
  const err = new Error("The _transform() method is not implemented");
  err.code = "ERR_METHOD_NOT_IMPLEMENTED";
  throw err;
};
Transform.prototype._write = function _write(chunk, encoding, callback) {
  this._transform(chunk, encoding, (error, data) => {
    if (error) { callback(error); return; }
    if (data !== undefined && data !== null) this.push(data);
    callback();
  });
};
Transform.prototype._final = function _final(callback) {
  const done = (error, data) => {
    if (error) { callback(error); return; }
    if (data !== undefined && data !== null) this.push(data);
    this.push(null);
    callback();
  };
  if (typeof this._flush === "function") this._flush(done); else done();
};

function PassThrough(options) {
  if (!(this instanceof PassThrough)) return new PassThrough(options);
  Transform.call(this, options);
}
inherit(PassThrough, Transform);
PassThrough.prototype._transform = function _transform(chunk, encoding, callback) { callback(null, chunk); };

// --- helpers -------------------------------------------------------------------------------

// finished(stream, callback): called once the stream ended, finished, or failed.
function finished(stream, options, callback) {
  if (typeof options === "function") { callback = options; options = {}; }
  let called = false;
  const once = (error) => { if (!called) { called = true; callback(error); } };
  const readable = Boolean(stream._readableState) && (!options || options.readable !== false);
  const writable = Boolean(stream._writableState) && (!options || options.writable !== false);
  let ended = !readable, finishedWriting = !writable;
  stream.on("error", once);
  if (readable) stream.on("end", () => { ended = true; if (finishedWriting) once(); });
  if (writable) stream.on("finish", () => { finishedWriting = true; if (ended) once(); });
  stream.on("close", () => {
    if (ended && finishedWriting) return;
    const err = new Error("Premature close");
    err.code = "ERR_STREAM_PREMATURE_CLOSE";
    once(err);
  });
  return () => {};
}

// pipeline(source, ...transforms, destination, callback): pipes them, destroys all on error.
function pipeline(...streams) {
  const callback = typeof streams[streams.length - 1] === "function" ? streams.pop() : null;
  if (streams.length === 1 && Array.isArray(streams[0])) streams = streams[0];
  streams = streams.map((s) => (typeof s[Symbol.asyncIterator] === "function" && typeof s.on !== "function"
    ? Readable.from(s) : s));
  let done = false;
  const finish = (error) => {
    if (done) return;
    done = true;
    if (error) for (const s of streams) if (typeof s.destroy === "function" && !s.destroyed) s.destroy();
    if (callback) callback(error);
  };
  for (let i = 0; i < streams.length - 1; i++) streams[i].pipe(streams[i + 1]);
  for (const s of streams) s.on("error", finish);
  const last = streams[streams.length - 1];
  finished(last, { readable: !last._writableState }, (error) => finish(error));
  return last;
}

Stream.Stream = Stream;
Stream.Readable = Readable;
Stream.Writable = Writable;
Stream.Duplex = Duplex;
Stream.Transform = Transform;
Stream.PassThrough = PassThrough;
Stream.pipeline = pipeline;
Stream.finished = finished;
Stream.promises = {
  pipeline: (...streams) => new Promise((resolve, reject) => pipeline(...streams, (e) => (e ? reject(e) : resolve()))),
  finished: (stream, options) => new Promise((resolve, reject) => finished(stream, options || {}, (e) => (e ? reject(e) : resolve()))),
};
Stream.isReadable = (s) => Boolean(s && s._readableState && !s._readableState.endEmitted && !s.destroyed);
Stream.isErrored = (s) => false;

internals.node_stream = Stream;
