// The message list of the open chat: rows of messages, albums as one row with a grid.
// Live updates (new, edited, deleted) change single messages in place.
import { el, renderMessage } from "./render.js";
import { TEXTS } from "./texts.js";

export class MessageList {
  constructor(list) {
    this.list = list;
    this.view = { viewerId: null, isGroup: false };
  }

  show(messages, view) {
    this.view = view;
    this.list.replaceChildren();
    this.list.setAttribute("aria-busy", "true");
    for (const message of messages) this.add(message);
    if (!messages.length) this.list.append(this.placeholder());
    this.list.removeAttribute("aria-busy");
    this.scrollToEnd();
  }

  find(messageId) {
    return this.list.querySelector(`.msg[data-message-id="${Number(messageId)}"]`);
  }

  // A new message, or a newer version of one already shown. An edit scrolls into view when
  // it answers the viewer (`reveal`) or is the newest message and the list was at its end.
  upsert(message, { reveal = false } = {}) {
    const shown = this.find(message.id);
    if (shown) {
      const focused = shown.contains(document.activeElement);
      const nearEnd = this.isNearEnd();
      const fresh = renderMessage(message, this.view);
      shown.replaceWith(fresh);
      if (focused) fresh.querySelector("button, a")?.focus();
      const newest = this.list.lastElementChild?.contains(fresh);
      if (newest && (nearEnd || reveal)) this.scrollToEnd();
      else if (reveal) this.reveal(fresh);
      return;
    }
    const nearEnd = this.isNearEnd();
    this.list.querySelector(".empty")?.remove();
    this.add(message);
    if (nearEnd || message.from.id === this.view.viewerId) this.scrollToEnd();
  }

  remove(messageId) {
    const shown = this.find(messageId);
    if (!shown) return;
    const row = shown.closest(".row");
    shown.remove();
    if (row && !row.querySelector(".msg")) row.remove();
  }

  add(message) {
    const node = renderMessage(message, this.view);
    const side = node.classList.contains("out") ? "out" : "in";
    const last = this.list.lastElementChild;
    const group = message.media_group_id;
    if (group && last && last.dataset.mediaGroup === group) {
      last.querySelector(".album-grid").append(node);
      return;
    }
    if (group) {
      const grid = el("div", { className: "album-grid", role: "group", "aria-label": TEXTS.album });
      grid.append(node);
      this.list.append(el("li", { className: `row album ${side}`, "data-media-group": group }, grid));
      return;
    }
    this.list.append(el("li", { className: `row ${side}` }, node));
  }

  placeholder() {
    return el("li", { className: "empty", text: TEXTS.noMessages });
  }

  isNearEnd() {
    const { scrollHeight, scrollTop, clientHeight } = this.list;
    return scrollHeight - scrollTop - clientHeight < 80;
  }

  // The whole message when it fits, else its top (where it starts to read).
  reveal(node) {
    const fits = node.offsetHeight <= this.list.clientHeight;
    node.scrollIntoView({ block: fits ? "nearest" : "start" });
  }

  scrollToEnd() {
    this.list.scrollTop = this.list.scrollHeight;
  }
}
