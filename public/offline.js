// Registers the service worker that keeps the app usable with no network (sw.js) and, once it
// holds the app, says so under the page. Skipped where a worker cannot run (a page opened from
// file://, an insecure origin, an old browser): the app works the same, only not offline.
(() => {
  if (!('serviceWorker' in navigator) || !window.isSecureContext || location.protocol === 'file:') {
    return;
  }
  // The line goes under every footer the app draws: the app draws its footer once its stored
  // workspace is read (IndexedDB, asynchronous), before or after the worker is ready, and draws
  // another when the start screen gives way to the app, so the page is watched, not waited for.
  const line = document.createElement('p');
  line.dataset.testid = 'offline-ready';
  line.style.margin = '.35rem 0 0';
  const say = () => {
    line.textContent = document.documentElement.lang === 'en'
      ? 'Ready to work offline: this app now opens without a network.'
      : 'Đã sẵn sàng dùng khi không có mạng: ứng dụng mở được cả khi mất kết nối.';
  };
  const place = () => {
    const footer = document.querySelector('footer.footer');
    if (footer && line.parentNode !== footer) footer.append(line);
  };
  const show = () => {
    say();
    new MutationObserver(say).observe(document.documentElement, { attributeFilter: ['lang'] });
    place();
    new MutationObserver(place).observe(document.body, { childList: true, subtree: true });
  };
  addEventListener('load', () => {
    navigator.serviceWorker.register('sw.js')
      .then(() => navigator.serviceWorker.ready)
      .then(show, () => {});
  });
})();
