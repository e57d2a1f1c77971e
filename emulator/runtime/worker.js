// One cloud function instance: a child process that loads a built bundle once
// (the cold start) and then runs one invocation at a time, as the cloud does.
// The WX context reaches the SDK the way the real runtime passes it: through
// environment variables set before each invocation.
'use strict';

const RealDate = Date;
let clockOffset = 0;
// The emulator's clock can be moved by tests; the function sees the same time.
class ShiftedDate extends RealDate {
  constructor(...args) {
    if (args.length === 0) super(RealDate.now() + clockOffset);
    else super(...args);
  }
  static now() {
    return RealDate.now() + clockOffset;
  }
}
global.Date = ShiftedDate;

const bundlePath = process.env.LOCALCLOUD_BUNDLE;
let mod;

process.on('message', async (msg) => {
  if (msg.type !== 'invoke') return;
  clockOffset = msg.clockOffset || 0;
  process.env.WX_API_TOKEN = msg.token;
  process.env.TCB_SOURCE = msg.source;
  if (msg.openid) process.env.WX_OPENID = msg.openid;
  else delete process.env.WX_OPENID;
  // A web client signed in with CloudBase auth: the platform passes its uid this way.
  if (msg.uid) {
    process.env.TCB_UUID = msg.uid;
    process.env.TCB_CONTEXT_KEYS = 'TCB_UUID';
  } else {
    delete process.env.TCB_UUID;
    delete process.env.TCB_CONTEXT_KEYS;
  }
  const started = RealDate.now();
  try {
    if (!mod) mod = require(bundlePath);
    const main = mod.main || (mod.default && mod.default.main);
    if (typeof main !== 'function') throw new Error(`${bundlePath} exports no main function`);
    const context = {
      callbackWaitsForEmptyEventLoop: false,
      function_name: msg.functionName,
      function_version: '$LATEST',
      namespace: msg.env,
      memory_limit_in_mb: 256,
      time_limit_in_ms: msg.timeoutMs,
      request_id: msg.requestId,
      environ: '',
    };
    const result = await main(msg.event, context);
    process.send({
      type: 'result',
      id: msg.id,
      ok: true,
      result: result === undefined ? null : result,
      ms: RealDate.now() - started,
    });
  } catch (err) {
    process.send({
      type: 'result',
      id: msg.id,
      ok: false,
      error: { message: String((err && err.message) || err), stack: err && err.stack },
      ms: RealDate.now() - started,
    });
  }
});

process.send({ type: 'ready' });
