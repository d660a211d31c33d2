/**
 * The program each handler worker thread runs, kept as source text so it works the same under tsx and in the
 * compiled build (no separate .js file to ship or resolve). It loads a handler module once per worker (a warm
 * Lambda container), calls `handler(event, context[, callback])` for each job and posts back exactly one
 * outcome: the handler's result (async return, callback or context.succeed) or its error. It never touches
 * anything of the server: its only channel is the message port.
 */
export const WORKER_SOURCE = String.raw`
const { parentPort } = require('node:worker_threads');
const { pathToFileURL } = require('node:url');
const modules = new Map();

async function load(file, name) {
  let p = modules.get(file);
  if (!p) {
    p = import(pathToFileURL(file).href);
    modules.set(file, p);
    p.catch(() => modules.delete(file));
  }
  const mod = await p;
  const fn = typeof mod[name] === 'function' ? mod[name]
    : mod.default && typeof mod.default[name] === 'function' ? mod.default[name]
    : name === 'handler' && typeof mod.default === 'function' ? mod.default : undefined;
  if (!fn) {
    const e = new Error(file + ' does not export a function named ' + name);
    e.name = 'Runtime.HandlerNotFound';
    throw e;
  }
  return fn;
}

function describe(err) {
  if (err instanceof Error) return { errorType: err.name || 'Error', errorMessage: String(err.message) };
  if (typeof err === 'string') return { errorType: 'string', errorMessage: err };
  let text;
  try { text = JSON.stringify(err); } catch { text = String(err); }
  return { errorType: typeof err, errorMessage: text };
}

parentPort.on('message', async (job) => {
  let settled = false;
  const done = (err, result) => {
    if (settled) return;
    settled = true;
    if (err !== null && err !== undefined) {
      parentPort.postMessage({ id: job.id, ok: false, ...describe(err) });
      return;
    }
    let payload;
    try {
      payload = result === undefined ? 'null' : JSON.stringify(result);
    } catch (e) {
      parentPort.postMessage({ id: job.id, ok: false, unserializable: true, errorType: 'Runtime.SerializationError', errorMessage: String(e && e.message) });
      return;
    }
    parentPort.postMessage({ id: job.id, ok: true, payload: payload === undefined ? 'null' : payload });
  };
  try {
    const fn = await load(job.module, job.handler);
    const deadline = Date.now() + job.context.remainingMs;
    const context = {
      ...job.context,
      callbackWaitsForEmptyEventLoop: true,
      getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
      done: (e, r) => done(e, r),
      succeed: (r) => done(null, r),
      fail: (e) => done(e === undefined || e === null ? new Error('handled') : e),
    };
    delete context.remainingMs;
    const ret = fn(job.event, context, done);
    if (ret && typeof ret.then === 'function') ret.then((r) => done(null, r), (e) => done(e === undefined || e === null ? new Error('Promise rejected') : e));
    else if (ret !== undefined) done(null, ret);
  } catch (e) {
    done(e);
  }
});
`;
