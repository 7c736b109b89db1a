// The sandbox chat page: who you are, which chat is open, and the live event stream.
// Updates arrive only through Server-Sent Events; nothing here polls.
import { api } from "./api.js";
import { askNewPerson, pickLocation, showAnswer, toast } from "./dialogs.js";
import { InlinePicker } from "./inline.js";
import { MessageList } from "./messages.js";
import { renderReplyKeyboard } from "./render.js";
import { renderChats, renderPeople } from "./sidebar.js";
import { LANGUAGE_NAMES, TEXTS, setLanguage } from "./texts.js";

const $ = (selector) => document.querySelector(selector);
const TYPING_MS = 5000; // how long Telegram shows a chat action
const TEXT_LIMIT = 4096; // Telegram's longest message
const LANGUAGE_KEY = "mykazan-sandbox-language";

const state = {
  people: new Map(),
  places: [],
  personId: null,
  chatId: null,
  chatKind: null,
  replyTo: null,
  loading: null, // events for the chat being loaded wait here (a Promise's lifetime)
  pending: [],
  lastChat: new Map(), // each person comes back to the chat she had open
  unread: new Map(), // "person:chat" -> count
  answered: new Set(), // callback query ids already shown (response and stream both tell)
  pressedMessage: null, // the message whose button was pressed last: its edit is the answer
  typingTimer: null,
  everConnected: false,
};
const messages = new MessageList($("[data-testid=message-list]"));
const inline = new InlinePicker($("[data-testid=inline-results]"), {
  where: () => ({ personId: state.personId, chatId: state.chatId }),
  share: shareInlineResult,
});

function applyTexts() {
  document.title = TEXTS.title;
  for (const node of document.querySelectorAll("[data-text]")) {
    node.textContent = TEXTS[node.dataset.text];
  }
  for (const node of document.querySelectorAll("[data-label]")) {
    node.setAttribute("aria-label", TEXTS[node.dataset.label]);
    node.title = TEXTS[node.dataset.label];
  }
  $("[data-testid=composer-input]").placeholder = TEXTS.messagePlaceholder;
}

// --- people and chats ------------------------------------------------------------------

async function loadState() {
  const data = await api.state();
  state.people = new Map(data.people.map((person) => [person.id, person]));
  state.places = data.places;
  inline.username = data.bot.username;
}

const unreadCount = (personId, chatId) => state.unread.get(`${personId}:${chatId}`) || 0;
const unreadOf = (person) => person.chats.reduce((sum, c) => sum + unreadCount(person.id, c.id), 0);

function renderSidebar() {
  renderPeople($("[data-testid=person-list]"), state.people, state.personId, unreadOf);
  const person = state.people.get(state.personId);
  renderChats($("[data-testid=chat-list]"), person, state.chatId, unreadCount);
}

async function selectPerson(personId, chatId = null) {
  const person = state.people.get(personId);
  if (!person) return;
  state.personId = personId;
  const wanted = chatId ?? state.lastChat.get(personId);
  const chat = person.chats.find((c) => c.id === wanted) || person.chats[0];
  await openChat(chat.id);
}

async function openChat(chatId) {
  state.chatId = chatId;
  state.lastChat.set(state.personId, chatId);
  state.unread.delete(`${state.personId}:${chatId}`);
  history.replaceState(null, "", `#person=${state.personId}&chat=${chatId}`);
  clearReply();
  inline.close();
  setStatus("");
  renderSidebar();
  const loading = api.messages(chatId, state.personId);
  state.loading = loading;
  state.pending = [];
  let data;
  try {
    data = await loading;
  } catch (failure) {
    toast(`${TEXTS.error}: ${failure.message}`, "error");
    return;
  } finally {
    if (state.loading === loading) state.loading = null;
  }
  if (state.chatId !== chatId) return; // another chat was opened meanwhile
  state.chatKind = data.chat.kind;
  $("[data-testid=chat-title]").textContent = data.chat.title;
  messages.show(data.messages, { viewerId: state.personId, isGroup: data.chat.kind !== "private" });
  showReplyKeyboard(data.reply_keyboard);
  for (const [name, event] of state.pending.splice(0)) handle(name, event);
}

function showReplyKeyboard(keyboard) {
  renderReplyKeyboard($("[data-testid=reply-keyboard]"), keyboard);
  $("[data-testid=composer-input]").placeholder =
    (keyboard && keyboard.placeholder) || TEXTS.messagePlaceholder;
}

function setStatus(text) {
  $("[data-testid=chat-status]").textContent = text;
}

// --- the event stream ------------------------------------------------------------------

const HANDLERS = {
  message_sent: onMessage,
  message_received: onMessage,
  message_edited: onMessage,
  message_deleted: (event) => messages.remove(event.message_id),
  reply_keyboard: (event) => showReplyKeyboard(event.reply_keyboard),
  chat_action: () => {
    setStatus(TEXTS.typing);
    clearTimeout(state.typingTimer);
    state.typingTimer = setTimeout(() => setStatus(""), TYPING_MS);
  },
};

function handle(name, event) {
  if (event.chat_id !== state.chatId) return;
  if (state.loading) {
    state.pending.push([name, event]);
    return;
  }
  HANDLERS[name](event);
}

function onMessage(event) {
  const message = event.message;
  if (message.from.is_bot) {
    clearTimeout(state.typingTimer);
    setStatus("");
  }
  // A press is often answered by editing the pressed message: show the new version.
  const reveal = message.id === state.pressedMessage;
  if (reveal) state.pressedMessage = null;
  messages.upsert(message, { reveal });
}

function countUnread(name, event) {
  if (name === "message_edited") return;
  for (const person of state.people.values()) {
    const open = person.id === state.personId && event.chat_id === state.chatId;
    const own = event.message.from.id === person.id;
    if (open || own || !person.chats.some((c) => c.id === event.chat_id)) continue;
    const key = `${person.id}:${event.chat_id}`;
    state.unread.set(key, (state.unread.get(key) || 0) + 1);
  }
  renderSidebar();
}

function answerOnce(queryId, answer) {
  if (state.answered.has(queryId)) return;
  state.answered.add(queryId);
  showAnswer(answer);
}

function connect() {
  const source = new EventSource(api.eventsUrl);
  const connection = $("[data-testid=connection]");
  source.addEventListener("ready", async () => {
    connection.textContent = TEXTS.connected;
    connection.classList.remove("offline");
    if (state.everConnected) { // the server came back: catch up once, then live again
      await loadState();
      await selectPerson(state.personId, state.chatId);
    }
    state.everConnected = true;
  });
  source.addEventListener("error", () => {
    connection.textContent = TEXTS.disconnected;
    connection.classList.add("offline");
  });
  for (const name of Object.keys(HANDLERS)) {
    source.addEventListener(name, (raw) => {
      const event = JSON.parse(raw.data);
      if (name.startsWith("message_") && name !== "message_deleted") countUnread(name, event);
      handle(name, event);
    });
  }
  source.addEventListener("callback_answered", (raw) => {
    const event = JSON.parse(raw.data);
    if (event.user_id === state.personId) answerOnce(event.query_id, event);
  });
  source.addEventListener("person_added", (raw) => {
    const { person } = JSON.parse(raw.data);
    state.people.set(person.id, person);
    renderSidebar();
  });
}

// --- acting as the person ---------------------------------------------------------------

async function act(action) {
  try {
    const result = await action();
    for (const message of result.messages || (result.message ? [result.message] : [])) {
      if (message.chat_id === state.chatId) messages.upsert(message);
    }
    if ("reply_keyboard" in result) showReplyKeyboard(result.reply_keyboard);
    return result;
  } catch (failure) {
    toast(`${TEXTS.error}: ${failure.message}`, "error");
    return null;
  }
}

function startReply(messageId) {
  const shown = messages.find(messageId);
  if (!shown) return;
  const sender = shown.querySelector(".sender")?.textContent || TEXTS.you;
  const copy = shown.querySelector(".text")?.cloneNode(true);
  // A quote must not give away what a spoiler still hides.
  for (const hidden of copy?.querySelectorAll(".tg-spoiler:not(.revealed)") || []) {
    hidden.textContent = "•••";
  }
  const text = copy?.textContent || TEXTS.photo;
  state.replyTo = messageId;
  const preview = $("[data-testid=reply-preview]");
  preview.querySelector(".reply-preview-text").textContent =
    `${TEXTS.replyTo} ${sender}: ${text.slice(0, 120)}`;
  preview.hidden = false;
  $("[data-testid=composer-input]").focus();
}

function clearReply() {
  state.replyTo = null;
  $("[data-testid=reply-preview]").hidden = true;
}

async function sendText(text) {
  const replyTo = state.replyTo;
  clearReply();
  const sent = await act(() => api.send(state.personId, state.chatId, text, replyTo));
  const input = $("[data-testid=composer-input]");
  if (!sent && !input.value) input.value = text; // not sent: nothing typed is lost
}

async function shareInlineResult(personId, chatId, queryRef, resultId) {
  const input = $("[data-testid=composer-input]");
  const shared = await act(() => api.inlineChoose(personId, chatId, queryRef, resultId));
  if (!shared) return false;
  input.value = "";
  input.focus();
  return true;
}

async function press(button) {
  button.classList.add("pending");
  button.setAttribute("aria-busy", "true");
  const messageId = Number(button.dataset.messageId);
  state.pressedMessage = messageId;
  const result = await act(() =>
    api.press(state.personId, state.chatId, messageId, button.dataset.callbackData));
  button.classList.remove("pending");
  button.removeAttribute("aria-busy");
  if (result && result.answer) answerOnce(result.query_id, result.answer);
}

async function pressReplyButton(button) {
  const { buttonText, request } = button.dataset;
  let point = null;
  if (request === "location") {
    point = await pickLocation(state.places);
    if (!point) return;
  }
  await act(() => api.replyButton(state.personId, state.chatId, buttonText, point));
}

function reveal(spoiler) {
  spoiler.classList.add("revealed");
  spoiler.removeAttribute("role");
  spoiler.removeAttribute("aria-label");
}

function wireMessageList() {
  const list = $("[data-testid=message-list]");
  list.addEventListener("click", (event) => {
    const target = event.target;
    const spoiler = target.closest(".tg-spoiler:not(.revealed), .media-spoiler:not(.revealed)");
    if (spoiler) {
      event.preventDefault();
      reveal(spoiler);
      return;
    }
    const command = target.closest(".tg-command");
    if (command) {
      event.preventDefault();
      sendText(command.dataset.command);
      return;
    }
    const button = target.closest("button[data-callback-data]");
    if (button && !button.classList.contains("pending")) press(button);
    const reply = target.closest("[data-testid=reply-action]");
    if (reply) startReply(Number(reply.dataset.messageId));
  });
  list.addEventListener("keydown", (event) => {
    if ((event.key === "Enter" || event.key === " ") && event.target.matches(".tg-spoiler")) {
      event.preventDefault();
      reveal(event.target);
    }
  });
}

function wireComposer() {
  const form = $("[data-testid=composer]");
  const input = $("[data-testid=composer-input]");
  const photos = $("[data-testid=photo-input]");
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const text = input.value.trim();
    if (!text) return;
    const length = [...text].length; // characters, as the server counts them
    if (length > TEXT_LIMIT) { // refused here, and kept so that it can be shortened
      toast(TEXTS.tooLong.replace("{limit}", TEXT_LIMIT).replace("{count}", length), "error");
      input.focus();
      return;
    }
    input.value = "";
    inline.close();
    sendText(text);
  });
  input.addEventListener("input", () => inline.update(input.value));
  input.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      form.requestSubmit();
    } else if (event.key === "ArrowDown" && inline.open) {
      event.preventDefault();
      inline.focusFirst();
    } else if (event.key === "Escape" && inline.open) {
      inline.close();
    } else if (event.key === "Escape" && state.replyTo) {
      clearReply();
    }
  });
  $("[data-testid=attach-photo]").addEventListener("click", () => photos.click());
  photos.addEventListener("change", async () => {
    const files = [...photos.files];
    photos.value = "";
    if (!files.length) return;
    if (files.some((file) => !["image/jpeg", "image/png"].includes(file.type))) {
      toast(TEXTS.onlyImages, "error");
      return;
    }
    const caption = input.value.trim();
    input.value = "";
    const replyTo = state.replyTo;
    clearReply();
    setStatus(TEXTS.sendingPhoto);
    await act(() => api.photos(state.personId, state.chatId, files, caption, replyTo));
    setStatus("");
  });
  $("[data-testid=share-location]").addEventListener("click", async () => {
    const point = await pickLocation(state.places);
    if (point) await act(() => api.location(state.personId, state.chatId, point));
  });
  $("[data-testid=share-contact]").addEventListener("click", () =>
    act(() => api.contact(state.personId, state.chatId)));
  $("[data-testid=reply-cancel]").addEventListener("click", () => {
    clearReply();
    input.focus();
  });
  $("[data-testid=reply-keyboard]").addEventListener("click", (event) => {
    const button = event.target.closest("[data-testid=reply-button]");
    if (button) pressReplyButton(button);
  });
}

function wireSidebar() {
  $("[data-testid=person-list]").addEventListener("click", (event) => {
    const button = event.target.closest("[data-testid=person]");
    if (button) selectPerson(Number(button.dataset.personId));
  });
  $("[data-testid=chat-list]").addEventListener("click", (event) => {
    const button = event.target.closest("[data-testid=chat]");
    if (button) openChat(Number(button.dataset.chatId));
  });
  $("[data-testid=add-person]").addEventListener("click", async () => {
    const person = await askNewPerson(async (name, role) => (await api.addPerson(name, role)).person);
    if (!person) return;
    state.people.set(person.id, person);
    await selectPerson(person.id);
  });
}

function storedLanguage() {
  try {
    return localStorage.getItem(LANGUAGE_KEY) || "ru";
  } catch {
    return "ru"; // storage blocked: the page still works, in Russian
  }
}

function wireLanguage() {
  const select = $("[data-testid=page-language]");
  const current = setLanguage(storedLanguage());
  for (const [code, name] of Object.entries(LANGUAGE_NAMES)) {
    select.append(new Option(name, code, false, code === current));
  }
  select.addEventListener("change", async () => {
    const chosen = setLanguage(select.value);
    try {
      localStorage.setItem(LANGUAGE_KEY, chosen);
    } catch {
      // not remembered; the switch still applies to this page
    }
    applyTexts();
    const connection = $("[data-testid=connection]");
    if (connection.textContent) {
      const offline = connection.classList.contains("offline");
      connection.textContent = offline ? TEXTS.disconnected : TEXTS.connected;
    }
    if (state.chatId !== null) await openChat(state.chatId); // redraw with the new labels
  });
}

async function main() {
  wireLanguage();
  applyTexts();
  wireMessageList();
  wireComposer();
  wireSidebar();
  await loadState();
  connect();
  const wanted = new URLSearchParams(location.hash.slice(1));
  const personId = Number(wanted.get("person"));
  const first = state.people.has(personId) ? personId : [...state.people.keys()][0];
  const chatId = wanted.has("chat") ? Number(wanted.get("chat")) : null;
  if (first !== undefined) await selectPerson(first, chatId);
  document.body.dataset.ready = "true"; // for browser tests: the first chat is shown
}

main();
