/**
 * Markdown → safe HTML for the report cell. Defence in depth:
 * 1. marked renders raw HTML blocks and inline tags as escaped text (never as markup);
 * 2. DOMPurify keeps only a small allow-list of tags and attributes (no images: a report must not
 *    make network requests), and links open in a new tab without referrer.
 */
import { Marked } from 'marked';
import DOMPurify from 'dompurify';

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

const marked = new Marked({
  gfm: true,
  breaks: false,
  async: false,
  renderer: {
    html: ({ text }) => escapeHtml(text),
  },
});

/**
 * Text from a model (or anyone else we do not trust): images become their alt text, so the page
 * makes no request; links keep only http(s) targets (checked again after sanitising).
 */
const untrustedMarked = new Marked({
  gfm: true,
  breaks: false,
  async: false,
  renderer: {
    html: ({ text }) => escapeHtml(text),
    image: ({ text }) => escapeHtml(text),
  },
});

const ALLOWED_TAGS = [
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'p',
  'ul',
  'ol',
  'li',
  'strong',
  'em',
  'del',
  'code',
  'pre',
  'blockquote',
  'hr',
  'br',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
  'a',
];
const ALLOWED_ATTR = ['href', 'title', 'align', 'start', 'target', 'rel'];

let purifier: ReturnType<typeof DOMPurify> | null = null;
/** Set only while an untrusted document is being sanitised (sanitising is synchronous). */
let stripUnsafeLinks = false;

function getPurifier(): ReturnType<typeof DOMPurify> {
  if (purifier) return purifier;
  const instance = DOMPurify(window);
  instance.addHook('afterSanitizeAttributes', (node) => {
    if (node.tagName === 'A') {
      const href = node.getAttribute('href');
      if (stripUnsafeLinks && href !== null && !/^https?:\/\//i.test(href.trim())) {
        node.removeAttribute('href');
      }
      node.setAttribute('target', '_blank');
      node.setAttribute('rel', 'noopener noreferrer');
    }
  });
  purifier = instance;
  return instance;
}

export interface RenderOptions {
  /** Model output: no images at all, no links other than http(s). */
  untrusted?: boolean;
}

export function renderMarkdown(markdown: string, options: RenderOptions = {}): string {
  const html = (options.untrusted ? untrustedMarked : marked).parse(markdown, { async: false });
  stripUnsafeLinks = options.untrusted === true;
  try {
    return getPurifier().sanitize(html, {
      ALLOWED_TAGS,
      ALLOWED_ATTR,
      ALLOW_DATA_ATTR: false,
    });
  } finally {
    stripUnsafeLinks = false;
  }
}
