/**
 * Grows a count frame by frame up to `total()`, so a long list is built a slice per frame
 * instead of in one task that blocks the page (the bench's 100k-trial sweep showed 80–130 ms
 * tasks when a whole cell was built at once). Create it during component initialisation.
 */
export class ProgressiveCount {
  count = $state(0);

  constructor(total: () => number, step: number) {
    this.count = step;
    $effect(() => {
      const target = total();
      if (this.count >= target) return;
      const frame = requestAnimationFrame(() => {
        this.count = this.count + step > target ? target : this.count + step;
      });
      return () => cancelAnimationFrame(frame);
    });
  }
}

/** Sets `onVisible` once the element comes within `margin` of the viewport. */
export function whenNearViewport(onVisible: () => void, margin = '400px') {
  return (node: Element) => {
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) {
          observer.disconnect();
          onVisible();
        }
      },
      { rootMargin: margin },
    );
    observer.observe(node);
    return () => observer.disconnect();
  };
}
