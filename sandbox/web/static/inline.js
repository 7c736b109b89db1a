// Inline mode: "@bot query" in the composer lists the bot's results above it, as Telegram
// does; choosing one shares it in the open chat as the person's message "via @bot".
import { api } from "./api.js";
import { el } from "./render.js";
import { TEXTS } from "./texts.js";

const DEBOUNCE_MS = 300; // ask when the person pauses, not at every key
const QUERY_LIMIT = 256; // what Telegram sends of an inline query

export class InlinePicker {
  // where() → {personId, chatId} of the open chat; share(personId, chatId, queryRef,
  // resultId) posts the chosen result and resolves true when it was posted.
  constructor(panel, { where, share }) {
    this.panel = panel;
    this.where = where;
    this.share = share;
    this.username = null; // the bot's, from /api/state
    this.timer = null;
    this.asked = 0; // only the newest question's answer is shown
    this.shown = null; // {personId, chatId, queryRef} of the listed results
    panel.addEventListener("click", (event) => {
      const button = event.target.closest("[data-testid=inline-result]");
      if (button && !button.disabled) this.choose(button);
    });
    panel.addEventListener("keydown", (event) => this.onKey(event));
  }

  get open() {
    return !this.panel.hidden;
  }

  // The query after "@username " (the mention in any case), or null when not inline mode.
  queryOf(text) {
    if (!this.username) return null;
    const mention = `@${this.username} `.toLowerCase();
    if (text.slice(0, mention.length).toLowerCase() !== mention) return null;
    return text.slice(mention.length, mention.length + QUERY_LIMIT);
  }

  // The composer's text changed.
  update(text) {
    clearTimeout(this.timer);
    const query = this.queryOf(text);
    if (query === null) {
      this.close();
      return;
    }
    const { personId, chatId } = this.where();
    this.timer = setTimeout(() => this.ask(personId, chatId, query), DEBOUNCE_MS);
  }

  async ask(personId, chatId, query) {
    const asked = ++this.asked;
    if (!this.open) this.showStatus(TEXTS.inlineSearching);
    let answer;
    try {
      answer = await api.inline(personId, chatId, query);
    } catch (failure) {
      if (asked === this.asked) this.showStatus(`${TEXTS.error}: ${failure.message}`);
      return;
    }
    if (asked !== this.asked) return; // a newer question, or another chat meanwhile
    this.shown = { personId, chatId, queryRef: answer.query_ref };
    if (!answer.results.length) {
      this.showStatus(TEXTS.inlineNothing);
      return;
    }
    const list = el("ul", { className: "inline-list", "data-testid": "inline-list" });
    for (const result of answer.results) list.append(el("li", {}, renderResult(result)));
    this.panel.replaceChildren(list);
    this.reveal();
  }

  async choose(button) {
    const { personId, chatId, queryRef } = this.shown;
    for (const other of this.panel.querySelectorAll("button")) other.disabled = true;
    const posted = await this.share(personId, chatId, queryRef, button.dataset.resultId);
    if (posted) this.close();
    else for (const other of this.panel.querySelectorAll("button")) other.disabled = false;
  }

  close() {
    clearTimeout(this.timer);
    this.asked += 1; // an answer still on its way is not shown
    this.shown = null;
    this.panel.hidden = true;
    this.panel.replaceChildren();
  }

  focusFirst() {
    this.panel.querySelector("[data-testid=inline-result]")?.focus();
  }

  showStatus(text) {
    this.panel.replaceChildren(
      el("p", { className: "inline-status", "data-testid": "inline-status", text }));
    this.reveal();
  }

  reveal() {
    this.panel.setAttribute("aria-label", TEXTS.inlineResults);
    this.panel.hidden = false;
  }

  // Arrows walk the list; Escape goes back to the composer.
  onKey(event) {
    const buttons = [...this.panel.querySelectorAll("[data-testid=inline-result]")];
    const at = buttons.indexOf(document.activeElement);
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      const step = event.key === "ArrowDown" ? 1 : -1;
      buttons[Math.min(Math.max(at + step, 0), buttons.length - 1)]?.focus();
    } else if (event.key === "Escape") {
      this.close();
      document.querySelector("[data-testid=composer-input]").focus();
    }
  }
}

function renderResult(result) {
  return el("button", {
    type: "button",
    className: "inline-result",
    "data-testid": "inline-result",
    "data-result-id": result.id,
  },
  el("strong", { className: "inline-title", "data-testid": "inline-title", text: result.title }),
  result.description
    ? el("span", {
      className: "inline-description", "data-testid": "inline-description",
      text: result.description, title: result.description,
    })
    : null);
}
