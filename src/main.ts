import { mount } from 'svelte';
import './ui/app.css';
import App from './ui/App.svelte';
import { createBrowserSession } from './lib/state';
import { NotebookState } from './lib/state/notebook.svelte';
import { srcParams } from './lib/state/src-url';
import { Workspace } from './lib/state/workspace.svelte';
import { registerServiceWorker } from './pwa/register';

const target = document.getElementById('app');
if (!target) throw new Error('index.html has no #app element');

const session = createBrowserSession();
const workspace = new Workspace(session, new NotebookState());
mount(App, { target, props: { session, workspace } });
// `?src=<url>` (repeatable): open those files as if dropped, e.g. a sweep hosted beside the app;
// a link opens its data (and its notebook, if it has one) rather than the last notebook.
void workspace.start(srcParams(location.search));
// An IndexedDB transaction begun in pagehide or on hiding usually completes (Chromium, Firefox).
addEventListener('pagehide', () => void workspace.flushBeforeLeaving());
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'hidden') void workspace.flushBeforeLeaving();
});
registerServiceWorker();
