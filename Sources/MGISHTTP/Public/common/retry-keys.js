// Idempotency-Key values for requests that create or act (a violation report, a
// task step). When an answer is lost on a weak mobile link, the officer presses
// the button again; the page sends the same body with the same key, and the
// server answers as the first time instead of recording the report twice.
//
// A key belongs to one exact request: if the officer changes the form before
// retrying, that is a new request with a new key (the server refuses a key
// reused for another body).

/** 16 random bytes as hex. crypto.getRandomValues, unlike randomUUID, also works on plain HTTP. */
export function newKey() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The keys of requests not yet known to have arrived, by their exact text. */
export class RetryKeys {
  #pending = new Map();

  /** The key for `text`: the same as last time if that attempt's answer never came. */
  keyFor(text) {
    let key = this.#pending.get(text);
    if (!key) {
      key = newKey();
      this.#pending.set(text, key);
    }
    return key;
  }

  /** The answer for `text` arrived (success or a refusal): the next such request is a new one. */
  settled(text) {
    this.#pending.delete(text);
  }
}

/**
 * Sends `body` with `send(key)`, keeping the key for a retry while it is not
 * known whether the request took effect: no answer (a network failure or
 * timeout, status 0), a server or proxy error (5xx: the change may be made, as
 * with the audit's "change made, record failed"), the first attempt still
 * running (409 idempotency_in_progress), or a 2xx whose body did not arrive
 * whole (bad_response). A refusal (other 4xx) changed nothing: a new press is
 * a new request.
 */
export async function withRetryKey(keys, scope, body, send) {
  const text = `${scope} ${JSON.stringify(body)}`;
  try {
    const result = await send(keys.keyFor(text));
    keys.settled(text);
    return result;
  } catch (err) {
    if (!mayHaveTakenEffect(err)) keys.settled(text);
    throw err;
  }
}

function mayHaveTakenEffect(err) {
  const status = err?.status ?? 0;
  return status === 0 || status >= 500 || err?.code === 'idempotency_in_progress' || err?.code === 'bad_response';
}
