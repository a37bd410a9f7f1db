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

  /** -> {lat, lon, source: "tracker"|"phone"|"tracker (old)"} or null. */
  async current(now = Date.now()) {
    const feed = this.feed;
    if (feed && now - Date.parse(feed.time) <= FRESH_MS) return { lat: feed.lat, lon: feed.lon, source: 'tracker' };
    const phone = await this.#geolocation();
    if (phone) return phone;
    return feed ? { lat: feed.lat, lon: feed.lon, source: 'tracker (old)' } : null;
  }

  #geolocation() {
    if (!('geolocation' in navigator)) return Promise.resolve(null);
    return new Promise((resolve) => {
      navigator.geolocation.getCurrentPosition(
        (pos) => resolve({ lat: pos.coords.latitude, lon: pos.coords.longitude, source: 'phone' }),
        () => resolve(null), // denied or no fix: the officer can still retry
        { enableHighAccuracy: true, timeout: GEOLOCATION_TIMEOUT_MS, maximumAge: 30_000 },
      );
    });
  }
}
