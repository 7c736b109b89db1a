// Toasts, the alert dialog, the place picker and the "add a person" dialog.
import { el } from "./render.js";
import { LANGUAGE, TEXTS } from "./texts.js";

const TOAST_MS = 3500;
const $ = (selector) => document.querySelector(selector);

export function toast(text, kind = "info") {
  const region = $("[data-testid=toast-region]");
  const node = el("div", { className: `toast ${kind}`, role: "status", "data-testid": "toast", text });
  region.append(node);
  setTimeout(() => node.remove(), TOAST_MS);
}

// A callback answer: show_alert opens a modal dialog, otherwise a toast.
export function showAnswer(answer) {
  if (!answer || !answer.text) return;
  if (!answer.show_alert) {
    toast(answer.text);
    return;
  }
  const dialog = $("[data-testid=alert-dialog]");
  $("[data-testid=alert-text]").textContent = answer.text;
  if (!dialog.open) dialog.showModal();
}

// A place as the page's language names it (the Russian name where there is no other).
const placeName = (place) => (place.names && place.names[LANGUAGE]) || place.name;

// Resolves with {lat, lon}, or null when the dialog is closed without a choice.
export function pickLocation(places) {
  const dialog = $("[data-testid=location-dialog]");
  const list = $("[data-testid=place-list]");
  const form = $("[data-testid=location-form]");
  list.replaceChildren(...places.map((place) => el("li", {},
    el("button", {
      type: "button",
      className: "place",
      "data-testid": "place",
      "data-lat": place.lat,
      "data-lon": place.lon,
    }, el("span", { className: "place-name", text: placeName(place) }),
    el("span", { className: "place-kind", text: TEXTS.placeKinds[place.kind] || place.kind })))));
  return new Promise((resolve) => {
    let chosen = null;
    const onPlace = (event) => {
      const button = event.target.closest("[data-testid=place]");
      if (!button) return;
      chosen = { lat: Number(button.dataset.lat), lon: Number(button.dataset.lon) };
      dialog.close();
    };
    const onSubmit = (event) => {
      event.preventDefault();
      chosen = { lat: Number(form.elements.lat.value), lon: Number(form.elements.lon.value) };
      dialog.close();
    };
    const onCancel = () => dialog.close();
    const cancel = $("[data-testid=location-cancel]");
    list.addEventListener("click", onPlace);
    form.addEventListener("submit", onSubmit);
    cancel.addEventListener("click", onCancel);
    dialog.addEventListener("close", () => {
      list.removeEventListener("click", onPlace);
      form.removeEventListener("submit", onSubmit);
      cancel.removeEventListener("click", onCancel);
      resolve(chosen);
    }, { once: true });
    dialog.showModal();
    list.querySelector("button")?.focus();
  });
}

// Resolves with the added person, or null. `add(name, role)` calls the API.
export function askNewPerson(add) {
  const dialog = $("[data-testid=add-person-dialog]");
  const form = $("[data-testid=add-person-form]");
  const error = $("[data-testid=add-person-error]");
  const select = form.elements.role;
  select.replaceChildren(...Object.entries(TEXTS.roles).map(
    ([role, label]) => el("option", { value: role, text: label })));
  form.reset();
  error.textContent = "";
  return new Promise((resolve) => {
    let added = null;
    const onSubmit = async (event) => {
      event.preventDefault();
      try {
        added = await add(form.elements.name.value.trim(), select.value);
        dialog.close();
      } catch (failure) {
        error.textContent = `${TEXTS.error}: ${failure.message}`;
      }
    };
    const onCancel = () => dialog.close();
    const cancel = $("[data-testid=add-person-cancel]");
    form.addEventListener("submit", onSubmit);
    cancel.addEventListener("click", onCancel);
    dialog.addEventListener("close", () => {
      form.removeEventListener("submit", onSubmit);
      cancel.removeEventListener("click", onCancel);
      resolve(added);
    }, { once: true });
    dialog.showModal();
    form.elements.name.focus();
  });
}
