import { mount } from 'svelte';
import './ui/app.css';
import App from './ui/App.svelte';
import { createBrowserSession } from './lib/state';
import { srcParams } from './lib/state/src-url';
import { registerServiceWorker } from './pwa/register';

const target = document.getElementById('app');
if (!target) throw new Error('index.html has no #app element');

const session = createBrowserSession();
mount(App, { target, props: { session } });
// `?src=<url>` (repeatable): open those files as if dropped, e.g. a sweep hosted beside the app.
const sources = srcParams(location.search);
if (sources.length > 0) void session.loadUrls(sources);
registerServiceWorker();
