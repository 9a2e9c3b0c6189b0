import { mount } from 'svelte';
import './ui/app.css';
import App from './ui/App.svelte';
import { createBrowserSession } from './lib/state';
import { registerServiceWorker } from './pwa/register';

const target = document.getElementById('app');
if (!target) throw new Error('index.html has no #app element');

const session = createBrowserSession();
mount(App, { target, props: { session } });
registerServiceWorker();
