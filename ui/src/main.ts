import { mount } from 'svelte';
import './styles.css';
import App from './App.svelte';

async function start(): Promise<void> {
  // Only the Playwright copy of the UI (vite --mode mockipc) has a fake backend; the
  // condition is a build-time constant, so production bundles do not contain it.
  if (import.meta.env.MODE === 'mockipc') {
    const { installMockBackend } = await import('./mock/backend');
    installMockBackend();
  }
  const target = document.getElementById('app');
  if (target) mount(App, { target });
}

void start();
