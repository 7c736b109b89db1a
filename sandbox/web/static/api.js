// The page's calls to the sandbox API (see sandbox/web/README.md for the shapes).
const PREFIX = document.body.dataset.prefix;
const API = `${PREFIX}/api`;

export class ApiError extends Error {}

async function call(path, options = {}) {
  const response = await fetch(`${API}${path}`, options);
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    throw new ApiError(body.error || `${response.status} ${response.statusText}`);
  }
  return body;
}

function post(path, data) {
  return call(path, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(data),
  });
}

export const api = {
  state: () => call("/state"),
  messages: (chatId, viewer) =>
    call(`/chats/${encodeURIComponent(chatId)}/messages?viewer=${encodeURIComponent(viewer)}`),
  send: (personId, chatId, text, replyTo) =>
    post("/send", { person_id: personId, chat_id: chatId, text, reply_to: replyTo ?? null }),
  press: (personId, chatId, messageId, callbackData) =>
    post("/press", {
      person_id: personId, chat_id: chatId, message_id: messageId, callback_data: callbackData,
    }),
  replyButton: (personId, chatId, text, point) =>
    post("/reply-button", {
      person_id: personId, chat_id: chatId, text,
      latitude: point ? point.lat : null, longitude: point ? point.lon : null,
    }),
  location: (personId, chatId, point) =>
    post("/location", {
      person_id: personId, chat_id: chatId, latitude: point.lat, longitude: point.lon,
    }),
  contact: (personId, chatId) => post("/contact", { person_id: personId, chat_id: chatId }),
  addPerson: (name, role) => post("/people", { name, role }),
  inline: (personId, chatId, query) =>
    post("/inline", { person_id: personId, chat_id: chatId, query }),
  inlineChoose: (personId, chatId, queryRef, resultId) =>
    post("/inline/choose", {
      person_id: personId, chat_id: chatId, query_ref: queryRef, result_id: resultId,
    }),
  photos(personId, chatId, files, caption, replyTo) {
    const form = new FormData();
    form.append("person_id", personId);
    form.append("chat_id", chatId);
    if (caption) form.append("caption", caption);
    if (replyTo) form.append("reply_to", replyTo);
    for (const file of files) form.append("photo", file, file.name);
    return call("/photos", { method: "POST", body: form });
  },
  eventsUrl: `${API}/events`,
};
