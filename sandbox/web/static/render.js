// DOM for messages and keyboards. Clicks are handled by delegation in app.js, so the
// elements only carry data attributes. `message.html` is sanitized by the server.
import { TEXTS } from "./texts.js";

export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (name === "className") node.className = value;
    else if (name === "text") node.textContent = value;
    else node.setAttribute(name, value === true ? "" : String(value));
  }
  for (const child of children) {
    if (child !== null && child !== undefined) node.append(child);
  }
  return node;
}

// One message: the bubble, its inline keyboard, and (in groups) a reply action.
export function renderMessage(message, view) {
  const outgoing = message.from.id === view.viewerId;
  const node = el("div", {
    className: `msg ${outgoing ? "out" : "in"}${message.from.is_bot ? " from-bot" : ""}`,
    "data-testid": "message",
    "data-message-id": message.id,
    "data-from-bot": message.from.is_bot ? "true" : "false",
    "data-media-group": message.media_group_id,
  });
  const bubble = el("div", { className: "bubble" });
  if (view.isGroup && !outgoing) {
    bubble.append(el("div", { className: "sender", text: message.from.name }));
  }
  if (message.via_bot) {
    bubble.append(el("div", {
      className: "via", "data-testid": "message-via",
      text: TEXTS.viaBot.replace("{bot}", `@${message.via_bot}`),
    }));
  }
  if (message.reply_to) bubble.append(renderQuote(message.reply_to));
  for (const part of renderMedia(message)) bubble.append(part);
  if (message.html) {
    const text = el("div", { className: "text", "data-testid": "message-text" });
    text.innerHTML = message.html;
    for (const spoiler of text.querySelectorAll(".tg-spoiler")) {
      spoiler.setAttribute("role", "button");
      spoiler.setAttribute("aria-label", TEXTS.spoiler);
    }
    for (const link of text.querySelectorAll("a[target=_blank]")) {
      link.title = TEXTS.opensInNewTab;
    }
    bubble.append(text);
  }
  bubble.append(renderMeta(message));
  node.append(bubble);
  if (message.inline_keyboard.length) node.append(renderInlineKeyboard(message));
  if (view.isGroup) {
    node.append(el("button", {
      type: "button",
      className: "reply-action",
      "data-testid": "reply-action",
      "data-message-id": message.id,
      "aria-label": `${TEXTS.reply}: ${message.from.name}`,
      text: `↩ ${TEXTS.reply}`,
    }));
  }
  return node;
}

function renderQuote(replied) {
  const snippet = replied.text || TEXTS[replied.kind] || "";
  return el("div", { className: "quote", "data-reply-to": replied.id },
    el("strong", { text: replied.from }), el("span", { text: ` ${snippet}` }));
}

function renderMeta(message) {
  const when = new Date(message.date * 1000).toISOString();
  return el("div", { className: "meta" },
    message.edited ? el("span", { className: "edited", "data-testid": "message-edited", text: TEXTS.edited }) : null,
    el("time", { datetime: when, text: message.time }));
}

function renderMedia(message) {
  const parts = [];
  if (message.photo) {
    const photo = message.photo;
    const image = el("img", {
      src: photo.url, alt: TEXTS.photo, width: photo.width, height: photo.height, loading: "lazy",
    });
    parts.push(el("a", {
      className: `photo${photo.spoiler ? " media-spoiler" : ""}`,
      "data-testid": "message-photo",
      href: photo.url, target: "_blank", rel: "noopener",
      "aria-label": photo.spoiler ? TEXTS.spoilerMedia : TEXTS.photo,
    }, image));
  }
  if (message.location) {
    const { lat, lon, url } = message.location;
    parts.push(el("div", { className: "location", "data-testid": "message-location" },
      el("span", { "aria-hidden": "true", text: "📍 " }),
      el("span", { className: "coords", text: `${lat.toFixed(5)}, ${lon.toFixed(5)}` }),
      " ",
      el("a", { href: url, target: "_blank", rel: "noopener noreferrer", text: TEXTS.openMap })));
  }
  if (message.contact) {
    const { name, phone } = message.contact;
    parts.push(el("div", { className: "contact", "data-testid": "message-contact" },
      el("span", { "aria-hidden": "true", text: "👤 " }),
      el("span", { text: `${name}, ` }),
      el("a", { href: `tel:${phone}`, text: phone })));
  }
  if (message.document) {
    const { name, url, size } = message.document;
    const label = size ? `${name} (${formatSize(size)})` : name;
    parts.push(el("a", {
      className: "document", "data-testid": "message-document", href: url, download: name,
    }, el("span", { "aria-hidden": "true", text: "📄 " }), label));
  }
  if (message.sticker) {
    parts.push(el("div", { className: "sticker", role: "img", "aria-label": TEXTS.sticker,
      text: message.sticker.emoji || "🖼" }));
  }
  if (message.voice) {
    parts.push(el("div", { className: "voice",
      text: `🎤 ${TEXTS.voice}, ${message.voice.duration} ${TEXTS.seconds}` }));
  }
  return parts;
}

function formatSize(bytes) {
  if (bytes < 1024) return `${bytes} Б`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} КБ`;
  return `${(bytes / 1024 / 1024).toFixed(1)} МБ`;
}

function renderInlineKeyboard(message) {
  const keyboard = el("div", {
    className: "inline-keyboard", role: "group", "aria-label": TEXTS.inlineKeyboard,
  });
  for (const row of message.inline_keyboard) {
    const line = el("div", { className: "keyboard-row" });
    for (const button of row) line.append(renderInlineButton(message, button));
    keyboard.append(line);
  }
  return keyboard;
}

function renderInlineButton(message, button) {
  if (button.url) {
    return el("a", {
      className: "inline-button url", "data-testid": "inline-button", href: button.url,
      target: "_blank", rel: "noopener noreferrer", title: TEXTS.opensInNewTab,
    }, button.text, el("span", { className: "external", "aria-hidden": "true", text: " ↗" }));
  }
  return el("button", {
    type: "button",
    className: "inline-button",
    "data-testid": "inline-button",
    "data-message-id": message.id,
    "data-callback-data": button.callback_data,
    disabled: button.unsupported ? true : null,
    title: button.unsupported ? TEXTS.notSupported : null,
    text: button.text,
  });
}

export function renderReplyKeyboard(container, keyboard) {
  container.replaceChildren();
  container.hidden = !keyboard;
  if (!keyboard) return;
  container.setAttribute("aria-label", TEXTS.replyKeyboard);
  for (const row of keyboard.rows) {
    const line = el("div", { className: "keyboard-row" });
    for (const button of row) {
      line.append(el("button", {
        type: "button",
        className: "reply-button",
        "data-testid": "reply-button",
        "data-button-text": button.text,
        "data-request": button.request_location ? "location" : button.request_contact ? "contact" : null,
        text: button.text,
      }));
    }
    container.append(line);
  }
}
