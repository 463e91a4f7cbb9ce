// Offline use: registers the service worker (sw.js), where the browser
// allows one (HTTPS or localhost; over plain HTTP the page works as before,
// without offline use), and says when a new build has taken over.

/**
 * Registers the service worker; `updated` is called when a new build's
 * worker takes over a page that an older build's worker served.
 * @param {() => void} updated
 */
export function registerOffline(updated) {
  const container = navigator.serviceWorker;
  if (!container || !window.isSecureContext) return;
  // The first visit's worker taking over is no news; a later one is a new build.
  const hadWorker = Boolean(container.controller);
  container.addEventListener('controllerchange', () => {
    if (hadWorker) updated();
  });
  container.register('sw.js').catch(() => {
    // Offline use is an extra: without it the page works as it did.
  });
}
