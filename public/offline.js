// Registers the service worker that keeps the app usable with no network (sw.js) and, once it
// holds the app, says so under the page. Skipped where a worker cannot run (a page opened from
// file://, an insecure origin, an old browser): the app works the same, only not offline.
(() => {
  if (!('serviceWorker' in navigator) || !window.isSecureContext || location.protocol === 'file:') {
    return;
  }
  const show = () => {
    const footer = document.querySelector('footer.footer');
    if (!footer) {
      addEventListener('TrunkApplicationStarted', show, { once: true });
      return;
    }
    const line = document.createElement('p');
    line.dataset.testid = 'offline-ready';
    line.style.margin = '.35rem 0 0';
    const say = () => {
      line.textContent = document.documentElement.lang === 'en'
        ? 'Ready to work offline: this app now opens without a network.'
        : 'Đã sẵn sàng dùng khi không có mạng: ứng dụng mở được cả khi mất kết nối.';
    };
    say();
    new MutationObserver(say).observe(document.documentElement, { attributeFilter: ['lang'] });
    footer.append(line);
  };
  addEventListener('load', () => {
    navigator.serviceWorker.register('sw.js')
      .then(() => navigator.serviceWorker.ready)
      .then(show, () => {});
  });
})();
