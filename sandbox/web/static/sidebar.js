// The person picker and the chat list of the chosen person, with unread counters.
import { el } from "./render.js";
import { TEXTS } from "./texts.js";

export function renderPeople(container, people, currentId, unreadOf) {
  container.replaceChildren(...[...people.values()].map((person) => {
    const unread = unreadOf(person);
    return el("li", {},
      el("button", {
        type: "button",
        className: "person",
        "data-testid": "person",
        "data-person-id": person.id,
        "data-role": person.role,
        "aria-pressed": person.id === currentId ? "true" : "false",
      },
      el("span", { className: "avatar", "aria-hidden": "true", text: initial(person.name) }),
      el("span", { className: "person-name", text: person.name }),
      el("span", { className: `role-badge ${person.role}`, "data-testid": "role-badge",
        text: TEXTS.roles[person.role] || person.role }),
      unreadBadge(unread)));
  }));
}

export function renderChats(container, person, currentChatId, unreadCount) {
  const chats = person ? person.chats : [];
  container.replaceChildren(...chats.map((chat) => el("li", {},
    el("button", {
      type: "button",
      className: "chat-item",
      "data-testid": "chat",
      "data-chat-id": chat.id,
      "data-chat-kind": chat.kind,
      "aria-current": chat.id === currentChatId ? "true" : null,
    },
    el("span", { className: "chat-name", text: chat.title }),
    el("span", { className: "chat-kind", text: TEXTS.chatKinds[chat.kind] || chat.kind }),
    unreadBadge(unreadCount(person.id, chat.id))))));
}

function unreadBadge(count) {
  if (!count) return null;
  return el("span", {
    className: "unread", "data-testid": "unread", "aria-label": `${count} ${TEXTS.unread}`,
    text: String(count),
  });
}

function initial(name) {
  return (name || "?").trim().charAt(0).toUpperCase();
}
