// Where the officer is now, for a violation's location: the unit's own tracker
// (from the live feed) while it is fresh, otherwise the phone's GPS.

const FRESH_MS = 120_000;        // same limit as a "stale" unit on the map
const GEOLOCATION_TIMEOUT_MS = 10_000;

export class OwnPosition {
  constructor() {
    this.feed = null; // newest POSITION object of our unit
  }

  /** A POSITION from the feed ({lat, lon, time, ...}); older ones are ignored. */
  update(p) {
    if (this.feed && Date.parse(this.feed.time) > Date.parse(p.time)) return;
    this.feed = p;
  }

  /** Whether the tracker's newest fix is recent enough to use as it is. */
  fresh(now = Date.now()) {
    return !!this.feed && now - Date.parse(this.feed.time) <= FRESH_MS;
  }

  /**
   * -> {lat, lon, time (epoch ms of the fix), source: "tracker"|"phone"|"tracker (old)"} or null.
   * `now` is the server's time as far as the page knows it (the feed's times are the server's).
   */
  async current(now = Date.now()) {
    const feed = this.feed;
    const fromFeed = (source) => ({ lat: feed.lat, lon: feed.lon, time: Date.parse(feed.time), source });
    if (this.fresh(now)) return fromFeed('tracker');
    const phone = await this.#geolocation();
    if (phone) return phone;
    return feed ? fromFeed('tracker (old)') : null;
  }

  #geolocation() {
    if (!('geolocation' in navigator)) return Promise.resolve(null);
    return new Promise((resolve) => {
      navigator.geolocation.getCurrentPosition(
        (pos) => resolve({ lat: pos.coords.latitude, lon: pos.coords.longitude, time: pos.timestamp || Date.now(), source: 'phone' }),
        () => resolve(null), // denied or no fix: the officer can still retry
        { enableHighAccuracy: true, timeout: GEOLOCATION_TIMEOUT_MS, maximumAge: 30_000 },
      );
    });
  }
}
