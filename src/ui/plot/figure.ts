/**
 * The attachment for figure specs: `{@attach plotFigure(spec, onSelect)}`. Svelte re-runs an
 * attachment when its arguments change by tearing the old one down and attaching anew; the
 * graph div must survive that (Plotly.react updates it in place, keeping zoom and the WebGL
 * context), so hosts live per node and a teardown only disposes if no re-attach follows in the
 * same task.
 */
import { untrack } from 'svelte';
import type { Attachment } from 'svelte/attachments';
import type { FigureSpec } from '../../lib/state/figures';
import { FigureHost, type FigureSelect } from './figure-host';

export type { Picked } from './figure-selection';
export type { FigureSelect } from './figure-host';
export { MAX_GL_FIGURES, liveGlFigures } from './gl-registry';

const hosts = new WeakMap<HTMLElement, FigureHost>();

/**
 * `highlight`: trials selected elsewhere, shown as selected points and bars here; null leaves the
 * figure's own selection as the user made it (this figure is where it came from).
 */
export function plotFigure(
  spec: FigureSpec,
  onSelect: FigureSelect,
  highlight: readonly string[] | null = null,
): Attachment<HTMLElement> {
  return (node) => {
    // Nothing the host reads while drawing may become a dependency of the attachment.
    const host = untrack(() => {
      let h = hosts.get(node);
      if (h) h.cancelDispose();
      else {
        h = new FigureHost(node);
        hosts.set(node, h);
      }
      h.update(spec, onSelect, highlight);
      return h;
    });
    return () => host.scheduleDispose(() => hosts.delete(node));
  };
}
