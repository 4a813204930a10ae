// Globals Segment exposes for libraries that need a real Node.js (docs 004, "Runtime and
// dependencies"): aws-sdk, the Google Cloud clients, stripe, twilio, ... They open sockets,
// read files or spawn processes, which a jshost function cannot. Each global exists (so
// `typeof AWS` and code that merely mentions it work); using it throws one sentence naming
// the library and what to do instead. Compiled only when one of them is first read.
// The same list is in docs/compatibility.md ("Libraries").

function unavailable(name, library, alternative) {
  const message = `${name} (${library}) is not available in jshost: it needs a real Node.js runtime; ${alternative}`;
  const fail = () => { throw new Error(message); };
  const shown = () => `[${name}: not available in jshost]`;
  return new Proxy(function () {}, {
    get(target, key) {
      if (key === Symbol.toPrimitive || key === "toString" || key === Symbol.for("nodejs.util.inspect.custom")) return shown;
      if (typeof key === "symbol") return undefined;
      return fail();
    },
    apply: fail,
    construct: fail,
    set: fail,
  });
}

// A name the function's own libraries (or the user's code) already took keeps its value.
const absent = (name) => !Object.prototype.hasOwnProperty.call(globalThis, name);
if (absent("AWS")) internals.defineGlobal("AWS", unavailable("AWS", "aws-sdk", "call the AWS HTTP APIs with fetch (sign requests with crypto.createHmac)"));
if (absent("google")) internals.defineGlobal("google", unavailable("google", "@google-cloud/*", "call the Google Cloud REST APIs with fetch"));
if (absent("stripe")) internals.defineGlobal("stripe", unavailable("stripe", "stripe", "call the Stripe API with fetch"));
if (absent("twilio")) internals.defineGlobal("twilio", unavailable("twilio", "twilio", "call the Twilio REST API with fetch"));
if (absent("hubspotlib")) internals.defineGlobal("hubspotlib", unavailable("hubspotlib", "hubspot-api-nodejs", "call the HubSpot API with fetch"));
if (absent("mailchimplib")) internals.defineGlobal("mailchimplib", unavailable("mailchimplib", "@mailchimp/mailchimp_marketing", "call the Mailchimp Marketing API with fetch"));
if (absent("sendgrid")) internals.defineGlobal("sendgrid", unavailable("sendgrid", "@sendgrid/client and @sendgrid/mail", "call the SendGrid v3 API with fetch"));
if (absent("jsforce")) internals.defineGlobal("jsforce", unavailable("jsforce", "jsforce", "call the Salesforce REST API with fetch"));
if (absent("winstonlib")) internals.defineGlobal("winstonlib", unavailable("winstonlib", "winston", "use console"));
if (absent("skyflowlib")) internals.defineGlobal("skyflowlib", unavailable("skyflowlib", "skyflow-node", "call the Skyflow REST API with fetch"));
if (absent("OAuth")) internals.defineGlobal("OAuth", unavailable("OAuth", "oauth", "build the OAuth headers with crypto.createHmac and call fetch"));
if (absent("https")) internals.defineGlobal("https", unavailable("https", "the Node https module", "use fetch"));
if (absent("nodemailjet")) internals.defineGlobal("nodemailjet", unavailable("nodemailjet", "node-mailjet", "call the Mailjet API with fetch"));
