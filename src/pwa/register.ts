/**
 * Registers the offline service worker (dist/sw.js, written by src/pwa/vite-plugin.ts).
 * Production builds only: the dev server has no sw.js, and a worker caching dev modules would
 * serve stale code. The relative URL scopes it to the folder the app is deployed in.
 */
export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  // After `load`, so the precache downloads do not compete with the first render.
  const register = (): void => {
    navigator.serviceWorker.register('./sw.js').catch((error: unknown) => {
      // Offline app is a bonus (e.g. not available on http:// hosts other than localhost).
      console.warn('Offline mode is unavailable:', error);
    });
  };
  if (document.readyState === 'complete') register();
  else window.addEventListener('load', register, { once: true });
}
