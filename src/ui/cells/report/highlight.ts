/**
 * Marks the claims the checker could not find, inside already-sanitised DOM. Only text nodes are
 * split and wrapped in <mark> elements built with DOM calls; model text is never turned into
 * HTML here, so highlighting cannot open a hole the sanitiser closed.
 */
import type { ClaimReport } from '../../../lib/state/explainer.svelte';

const BLOCKS = new Set([
  'P',
  'LI',
  'TD',
  'TH',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'PRE',
  'BLOCKQUOTE',
]);

function blockOf(node: Node, root: Node): Node {
  let el = node.parentNode;
  while (el && el !== root && !BLOCKS.has(el.nodeName)) el = el.parentNode;
  return el ?? root;
}

/** Runs `check` on the visible text and wraps each unmatched claim; returns the report. */
export function highlightClaims(
  root: HTMLElement,
  check: (text: string) => ClaimReport,
): ClaimReport {
  const nodes: Text[] = [];
  const starts: number[] = [];
  let joined = '';
  let lastBlock: Node | null = null;
  const walker = root.ownerDocument.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const block = blockOf(n, root);
    // Separate blocks so "0.42</p><p>3 runs" is not read as "0.423".
    if (lastBlock !== null && block !== lastBlock) joined += '\n';
    lastBlock = block;
    nodes.push(n as Text);
    starts.push(joined.length);
    joined += (n as Text).data;
  }
  const report = check(joined);
  // Wrap from the end so earlier offsets stay valid while text nodes are split.
  for (const claim of [...report.unmatched].reverse()) {
    const i = lastIndexAtOrBefore(starts, claim.start);
    if (i < 0) continue;
    const node = nodes[i];
    const from = claim.start - starts[i];
    const to = claim.end - starts[i];
    if (to > node.data.length) continue; // spans two text nodes: counted, not wrapped
    const middle = node.splitText(from);
    middle.splitText(to - from);
    const mark = root.ownerDocument.createElement('mark');
    mark.className = `claim claim-${claim.kind}`;
    mark.dataset.testid = 'claim-unmatched';
    mark.dataset.kind = claim.kind;
    mark.title = claim.reason ?? 'Not found in your data.';
    middle.replaceWith(mark);
    mark.append(middle);
  }
  return report;
}

function lastIndexAtOrBefore(sorted: number[], value: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  let best = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] <= value) {
      best = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return best;
}
