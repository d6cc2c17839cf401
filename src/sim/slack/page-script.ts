/**
 * The page's only script (plain ES2020, no build step). The server renders all HTML; this
 * script posts what the person does, opens confirm dialogs, and re-fetches the message list
 * when the server-sent event stream says the channel changed.
 */
export const PAGE_SCRIPT = `
(function () {
  'use strict';
  var body = document.body;
  var channel = body.dataset.channel;
  var user = body.dataset.user;
  var list = document.getElementById('messages');
  var form = document.getElementById('composer');
  var box = document.getElementById('message-box');
  var switcher = document.getElementById('user-switcher');
  var status = document.getElementById('status');
  var dialog = document.getElementById('confirm-dialog');
  var closedThreads = new Set();
  var refreshing = false;
  var again = false;

  function showStatus(text) { status.textContent = text || ''; }

  function post(path, payload) {
    return fetch(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(payload)
    }).then(function (res) {
      return res.json().catch(function () { return {}; }).then(function (data) {
        if (!res.ok) showStatus(data.error || ('request failed: HTTP ' + res.status));
        else showStatus('');
        return data;
      });
    }, function (error) { showStatus('The stand-in is not reachable: ' + error.message); });
  }

  function refresh() {
    if (refreshing) { again = true; return Promise.resolve(); }
    refreshing = true;
    var url = '/ui/channel?channel=' + encodeURIComponent(channel) + '&user=' + encodeURIComponent(user);
    return fetch(url).then(function (res) { return res.text(); }).then(function (html) {
      var atBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 60;
      list.innerHTML = html;
      list.querySelectorAll('details[data-thread-ts]').forEach(function (d) {
        if (closedThreads.has(d.dataset.threadTs)) d.open = false;
      });
      if (atBottom) list.scrollTop = list.scrollHeight;
      body.dataset.refreshedAt = String(Date.now());
    }).catch(function () {}).then(function () {
      refreshing = false;
      if (again) { again = false; return refresh(); }
    });
  }

  list.addEventListener('toggle', function (event) {
    var d = event.target;
    if (!d.dataset || !d.dataset.threadTs) return;
    if (d.open) closedThreads.delete(d.dataset.threadTs); else closedThreads.add(d.dataset.threadTs);
  }, true);

  function confirmWith(button) {
    return new Promise(function (resolve) {
      document.getElementById('confirm-title').textContent = button.dataset.confirmTitle;
      // Rendered and sanitised by the server; only moved here.
      document.getElementById('confirm-text').innerHTML = button.dataset.confirmHtml || '';
      var ok = document.getElementById('confirm-ok');
      ok.textContent = button.dataset.confirmOk;
      ok.className = 'sim-button ' + (button.dataset.confirmStyle === 'danger' ? 'sim-button-danger' : 'sim-button-primary');
      document.getElementById('confirm-deny').textContent = button.dataset.confirmDeny;
      dialog.returnValue = '';
      dialog.addEventListener('close', function () { resolve(dialog.returnValue === 'confirm'); }, { once: true });
      dialog.showModal();
    });
  }

  list.addEventListener('click', function (event) {
    var button = event.target.closest('[data-action-id]');
    if (!button || button.tagName === 'A') return;
    var message = button.closest('[data-ts]');
    if (!message) return;
    var confirmed = button.dataset.confirmTitle === undefined ? Promise.resolve(true) : confirmWith(button);
    confirmed.then(function (yes) {
      if (!yes) return;
      button.disabled = true;
      return post('/ui/click', {
        user: user, channel: message.dataset.channel, ts: message.dataset.ts,
        actionId: button.dataset.actionId, blockId: button.dataset.blockId, value: button.dataset.value
      }).then(function () { button.disabled = false; return refresh(); });
    });
  });

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    var text = box.value.trim();
    if (!text) return;
    box.value = '';
    var path = text.charAt(0) === '/' ? '/ui/command' : '/ui/message';
    post(path, { user: user, channel: channel, text: text }).then(refresh);
  });

  switcher.addEventListener('change', function () {
    user = switcher.value;
    body.dataset.user = user;
    var name = switcher.options[switcher.selectedIndex].dataset.name;
    document.getElementById('typing-as').textContent = '@' + name;
    var params = new URLSearchParams(location.search);
    params.set('user', user);
    history.replaceState(null, '', '?' + params.toString());
    refresh();
  });

  var events = new EventSource('/ui/events');
  events.addEventListener('open', function () { body.dataset.live = 'true'; refresh(); });
  events.addEventListener('error', function () { body.dataset.live = 'false'; });
  events.addEventListener('change', function (event) {
    var change = JSON.parse(event.data);
    if (change.channel === channel) refresh();
  });
  list.scrollTop = list.scrollHeight;
})();
`;
