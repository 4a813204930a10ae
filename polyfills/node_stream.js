// Node's `stream` module, reduced to what the bundled libraries use: the classes
// exist, emit the events Node's do, and move data synchronously through
// write/push/pipe. https://nodejs.org/docs/latest-v20.x/api/stream.html
// (No backpressure: a function's data fits in memory.)

const EventEmitter = internals.node_events;

function inherit(Child, Parent) {
  Object.setPrototypeOf(Child.prototype, Parent.prototype);
  Object.setPrototypeOf(Child, Parent);
}

function Stream(options) {
  EventEmitter.call(this, options);
}
inherit(Stream, EventEmitter);

Stream.prototype.pipe = function pipe(dest, options) {
  this.on("data", (chunk) => dest.write(chunk));
  if (!options || options.end !== false) this.on("end", () => { if (typeof dest.end === "function") dest.end(); });
  dest.emit("pipe", this);
  return dest;
};

function Readable(options = {}) {
  Stream.call(this, options);
  this.readable = true;
  this._ended = false;
  if (typeof options.read === "function") this._read = options.read;
}
inherit(Readable, Stream);
Readable.prototype._read = function () {};
Readable.prototype.push = function push(chunk) {
  if (chunk === null) {
    if (!this._ended) {
      this._ended = true;
      this.readable = false;
      queueMicrotask(() => this.emit("end"));
    }
    return false;
  }
  this.emit("data", chunk);
  return true;
};
Readable.prototype.setEncoding = function () { return this; };
Readable.prototype.resume = function () { return this; };
Readable.prototype.pause = function () { return this; };
Readable.prototype.destroy = function (error) { if (error) this.emit("error", error); this.emit("close"); return this; };
Readable.from = (iterable) => {
  const readable = new Readable();
  queueMicrotask(async () => {
    for await (const chunk of iterable) readable.push(chunk);
    readable.push(null);
  });
  return readable;
};

function Writable(options = {}) {
  Stream.call(this, options);
  this.writable = true;
  if (typeof options.write === "function") this._write = options.write;
  if (typeof options.final === "function") this._final = options.final;
}
inherit(Writable, Stream);
Writable.prototype._write = function (chunk, encoding, callback) { callback(); };
Writable.prototype.write = function write(chunk, encoding, callback) {
  if (typeof encoding === "function") { callback = encoding; encoding = undefined; }
  this._write(chunk, encoding || "utf8", (error) => {
    if (error) this.emit("error", error);
    if (callback) callback(error);
  });
  return true;
};
Writable.prototype.end = function end(chunk, encoding, callback) {
  if (typeof chunk === "function") { callback = chunk; chunk = undefined; }
  if (chunk !== undefined && chunk !== null) this.write(chunk, encoding);
  const finish = () => { this.writable = false; this.emit("finish"); this.emit("close"); if (callback) callback(); };
  if (this._final) this._final((error) => (error ? this.emit("error", error) : finish()));
  else finish();
  return this;
};
Writable.prototype.destroy = Readable.prototype.destroy;

function Duplex(options = {}) {
  Readable.call(this, options);
  Writable.call(this, options);
}
inherit(Duplex, Readable);
for (const key of ["write", "end", "_write"]) Duplex.prototype[key] = Writable.prototype[key];

function Transform(options = {}) {
  Duplex.call(this, options);
  if (typeof options.transform === "function") this._transform = options.transform;
  if (typeof options.flush === "function") this._flush = options.flush;
}
inherit(Transform, Duplex);
Transform.prototype._transform = function (chunk, encoding, callback) { callback(null, chunk); };
Transform.prototype._write = function (chunk, encoding, callback) {
  this._transform(chunk, encoding, (error, data) => {
    if (data !== undefined && data !== null) this.push(data);
    callback(error);
  });
};
Transform.prototype._final = function (callback) {
  const done = (error, data) => {
    if (data !== undefined && data !== null) this.push(data);
    this.push(null);
    callback(error);
  };
  if (this._flush) this._flush(done); else done();
};

function PassThrough(options) { Transform.call(this, options); }
inherit(PassThrough, Transform);

Stream.Stream = Stream;
Stream.Readable = Readable;
Stream.Writable = Writable;
Stream.Duplex = Duplex;
Stream.Transform = Transform;
Stream.PassThrough = PassThrough;
Stream.pipeline = (...streams) => {
  const callback = typeof streams[streams.length - 1] === "function" ? streams.pop() : null;
  for (let i = 0; i < streams.length - 1; i++) streams[i].pipe(streams[i + 1]);
  const last = streams[streams.length - 1];
  if (callback) { last.on("finish", () => callback()); last.on("error", callback); }
  return last;
};

internals.node_stream = Stream;
