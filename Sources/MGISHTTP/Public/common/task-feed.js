// The live feed with task and alert frames. /display/live-feed.js reconnects and
// parses snapshot/positions but drops every other frame type, so we hand it a
// WebSocket subclass that also passes `task` and `alert` frames to us. The
// reconnect logic stays in one place (LiveFeed).

import { LiveFeed, liveUrl, tokenRejectedByApi } from './live-feed.js';

// Cheap pre-check (positions frames can be large and arrive every second): only
// frames that may be task/alert events are parsed a second time. The whole text
// is searched because the key order of event frames is not promised.
const EVENT_HINT = /"type"\s*:\s*"(task|alert)"/;

function tappedWebSocket(onEvent) {
  const Base = globalThis.WebSocket;
  return class TappedWebSocket extends Base {
    constructor(url, protocols) {
      super(url, protocols);
      this.addEventListener('message', (ev) => {
        if (typeof ev.data !== 'string' || !EVENT_HINT.test(ev.data)) return;
        let msg;
        try { msg = JSON.parse(ev.data); } catch { return; }
        if (msg?.type === 'task' && msg.task) onEvent('task', msg.task);
        else if (msg?.type === 'alert' && msg.alert) onEvent('alert', msg.alert);
      });
    }
  };
}

/**
 * callbacks: onSnapshot(msg), onPositions(items), onTask(task), onAlert(alert),
 * onState({state, retryAt}) — as LiveFeed, plus the two event kinds.
 */
export function startTaskFeed(token, callbacks) {
  const feed = new LiveFeed(liveUrl(location, token), {
    checkToken: () => tokenRejectedByApi(token),
    onSnapshot: callbacks.onSnapshot,
    onPositions: callbacks.onPositions,
    onState: callbacks.onState,
  }, {
    WebSocketImpl: tappedWebSocket((kind, value) => {
      if (kind === 'task') callbacks.onTask?.(value);
      else callbacks.onAlert?.(value);
    }),
  });
  feed.start();
  return feed;
}
