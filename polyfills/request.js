// The request object handed to `onRequest(request, settings)`.
// Segment docs 004 "Request processing" and RUNTIME-FACTS "The source request",
// which records the behaviour of Segment's ServerRequest (buildpack/boreal/window.js):
//   - an object body: json() returns that very object on every call; text() is
//     JSON.stringify(body);
//   - a string body: text() returns it; json() parses it on first call and caches;
//   - any other body: TypeError("unsupported body type");
//   - json() and text() are synchronous; headers is a Headers, url is a URL.
// The caches are tested for truthiness, exactly as Segment's code does, so a body
// that parses to a falsy value is parsed again on each json() call.

const kBody = Symbol("body");
const kHeaders = Symbol("headers");
const kUrl = Symbol("url");

// The runtime's own classes (internals.*), not whatever user code assigns to the
// globals. url.js is compiled on first use, so the URL object is built when
// `request.url` is first read: a function that never reads it never parses it.

class ServerRequest {
  constructor(input, init) {
    if (init) {
      // Both are built when first read: most functions touch neither, and a
      // Headers object validates every header it is given.
      this[kHeaders] = init.headers;
      this[kUrl] = init.url;
    }
    switch (typeof input) {
      case "object":
        this[kBody] = { json: input };
        break;
      case "string":
        this[kBody] = { text: input };
        break;
      default:
        throw new TypeError("unsupported body type");
    }
  }

  get url() {
    let url = this[kUrl];
    if (url !== undefined && !(url instanceof internals.URL)) {
      url = this[kUrl] = new internals.URL(typeof url === "function" ? url() : url);
    }
    return url;
  }
  get headers() {
    let headers = this[kHeaders];
    if (!(headers instanceof internals.Headers)) headers = this[kHeaders] = new internals.Headers(headers);
    return headers;
  }

  json() {
    const body = this[kBody];
    if (!body.json) body.json = JSON.parse(body.text);
    return body.json;
  }

  text() {
    const body = this[kBody];
    if (!body.text) body.text = JSON.stringify(body.json);
    return body.text;
  }
}

// Segment's request URL when the webhook gives none: its own endpoint plus the
// query, a string appended after "?" and an object encoded with URLSearchParams
// (array values become repeated keys). RUNTIME-FACTS "The source request".
function requestUrl(queryParameters) {
  let url = "https://fn.segmentapis.com/";
  if (typeof queryParameters === "string") {
    if (queryParameters[0] !== "?") url += "?";
    url += queryParameters;
  } else if (typeof queryParameters === "object" && queryParameters) {
    const params = new internals.URLSearchParams();
    for (const [key, value] of Object.entries(queryParameters)) {
      if (Array.isArray(value)) {
        for (const item of value) params.append(key, item);
      } else {
        params.append(key, value);
      }
    }
    url += "?" + params.toString();
  }
  return url;
}

// input: {body?, text?, headers, url?, queryParameters?} as sent by the host.
// `text` (the raw body) is present when the host also parsed the body, as for a
// form-encoded webhook: json() then gives the object and text() the raw text.
internals.buildRequest = function buildRequest(input) {
  // Built on first read of request.url (a thunk, so the query is encoded only then).
  const url = input.url ? input.url : () => requestUrl(input.queryParameters);
  const request = new ServerRequest("body" in input ? input.body : undefined, { headers: input.headers || {}, url });
  if (typeof input.text === "string" && typeof input.body === "object") request[kBody].text = input.text;
  return request;
};

internals.ServerRequest = ServerRequest;
internals.defineGlobal("ServerRequest", ServerRequest);
