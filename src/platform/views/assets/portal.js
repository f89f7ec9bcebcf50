// Progressive enhancement for the public portal: suggestions while typing in a search box.
// Pages work fully without this file (forms submit with GET).
(function () {
  'use strict';
  var inputs = document.querySelectorAll('input[data-suggest]');
  Array.prototype.forEach.call(inputs, function (input) {
    var list = document.getElementById(input.getAttribute('list'));
    if (!list || !window.fetch) return;
    var timer = null;
    var last = '';
    input.addEventListener('input', function () {
      var q = input.value.trim();
      if (timer) clearTimeout(timer);
      if (!q || q === last) return;
      timer = setTimeout(function () {
        last = q;
        fetch(input.getAttribute('data-suggest') + '?q=' + encodeURIComponent(q), { credentials: 'same-origin' })
          .then(function (r) {
            return r.ok ? r.json() : { items: [] };
          })
          .then(function (data) {
            while (list.firstChild) list.removeChild(list.firstChild);
            (data.items || []).forEach(function (item) {
              var opt = document.createElement('option');
              opt.value = item.text;
              list.appendChild(opt);
            });
          })
          .catch(function () {});
      }, 200);
    });
  });
})();
