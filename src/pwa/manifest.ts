/** What the build tells the service worker to cache (shared by the plugin and src/pwa/sw.ts). */
export interface PrecacheEntry {
  /** Relative to the service worker's scope (the deployment folder), e.g. `assets/index-x.js`. */
  url: string;
  /** Content hash: an unchanged file is copied from the previous cache instead of refetched. */
  revision: string;
}

export interface PrecacheManifest {
  /** Hash of every entry: names the cache and changes the bytes of sw.js on any change. */
  version: string;
  entries: PrecacheEntry[];
  /** Cached on first use only (the web-llm code), relative like `entries`. */
  lazy: string[];
}
