/**
 * The page theme as the figure builders need it. app.css switches its variables on
 * `prefers-color-scheme` only, so the figures follow the same media query (and its changes).
 */
import type { ThemeName } from '../../../lib/state/figures';

const QUERY = '(prefers-color-scheme: dark)';

export class PageTheme {
  current = $state<ThemeName>(themeNow());

  /** Create during component initialisation: the listener lives as long as the component. */
  constructor() {
    $effect(() => {
      const media = window.matchMedia(QUERY);
      const sync = () => (this.current = media.matches ? 'dark' : 'light');
      sync();
      media.addEventListener('change', sync);
      return () => media.removeEventListener('change', sync);
    });
  }
}

function themeNow(): ThemeName {
  return typeof window !== 'undefined' && window.matchMedia(QUERY).matches ? 'dark' : 'light';
}
