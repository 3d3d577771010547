// Tremplin — CodeMirror 6 progressive enhancement of code textareas (shared core).
//
// <textarea data-code-editor data-language="python|javascript|html|css|sql"> keeps working
// without JavaScript. With it, the textarea is hidden but stays in the form and always holds
// the editor's text (synced on every change, and again on submit/formdata), so the submitted
// value is the textarea's, as before.
//
// Styles: CodeMirror injects one <style> element (style-mod); under a strict CSP it carries the
// nonce read from <meta name="csp-nonce" content="…">. Everything else CodeMirror styles is set
// through the CSSOM (element.style), which CSP does not restrict.
import {EditorState, Compartment} from "@codemirror/state";
import {EditorView, keymap, lineNumbers, highlightSpecialChars} from "@codemirror/view";
import {defaultKeymap, history, historyKeymap, indentWithTab} from "@codemirror/commands";
import {
  HighlightStyle, syntaxHighlighting, bracketMatching, indentOnInput, indentUnit,
} from "@codemirror/language";
import {tags as t} from "@lezer/highlight";

// Every phrase the bundled packages (@codemirror/view, commands, language) ask for.
export const FRENCH_PHRASES = {
  // @codemirror/view — highlightSpecialChars: title/aria-label of a special character
  "Control character": "Caractère de contrôle",
  // @codemirror/view — close button of a panel/dialog (not used here, harmless)
  "close": "fermer",
  // @codemirror/commands — announced to screen readers when a selection is deleted
  "Selection deleted": "Sélection supprimée",
  // @codemirror/language — code folding (announcements, placeholder, gutter markers)
  "Folded lines": "Lignes repliées",
  "Unfolded lines": "Lignes dépliées",
  "to": "à",
  "folded code": "code replié",
  "unfold": "déplier",
  "Fold line": "Replier la ligne",
  "Unfold line": "Déplier la ligne",
};

// CodeMirror's defaultHighlightStyle, with the three colours under (or at) 4.5:1 on white
// darkened: #e40 (3.84:1) → #c2410c (5.18:1), #f00 (4.00:1) → #b00 (6.75:1),
// #085 (4.51:1) → #075 (5.57:1). Every colour below is ≥ 4.5:1 on #fff.
export const highlightStyle = HighlightStyle.define([
  {tag: t.meta, color: "#404740"},
  {tag: t.link, textDecoration: "underline"},
  {tag: t.heading, textDecoration: "underline", fontWeight: "bold"},
  {tag: t.emphasis, fontStyle: "italic"},
  {tag: t.strong, fontWeight: "bold"},
  {tag: t.strikethrough, textDecoration: "line-through"},
  {tag: t.keyword, color: "#708"},
  {tag: [t.atom, t.bool, t.url, t.contentSeparator, t.labelName], color: "#219"},
  {tag: [t.literal, t.inserted], color: "#164"},
  {tag: [t.string, t.deleted], color: "#a11"},
  {tag: [t.regexp, t.escape, t.special(t.string)], color: "#c2410c"},
  {tag: t.definition(t.variableName), color: "#00f"},
  {tag: t.local(t.variableName), color: "#30a"},
  {tag: [t.typeName, t.namespace], color: "#075"},
  {tag: t.className, color: "#167"},
  {tag: [t.special(t.variableName), t.macroName], color: "#256"},
  {tag: t.definition(t.propertyName), color: "#00c"},
  {tag: t.comment, color: "#940", fontStyle: "italic"},
  {tag: t.invalid, color: "#b00"},
]);

// Matches static/css/app.css (textarea.code, :focus-visible).
const theme = EditorView.theme({
  "&": {
    backgroundColor: "#fff", color: "#1b1b1f",
    border: "2px solid #4a4a55", borderRadius: "4px", fontSize: ".95rem",
  },
  "&.cm-focused": {outline: "3px solid #1b1b1f", boxShadow: "0 0 0 6px #ffbf47"},
  ".cm-scroller": {fontFamily: 'ui-monospace, "DejaVu Sans Mono", monospace', lineHeight: "1.5"},
  ".cm-content": {tabSize: "4"},
  ".cm-gutters": {backgroundColor: "#f3f4f8", color: "#4a4a55", borderRight: "1px solid #c9ccd6"},
}, {dark: false});

const views = new WeakMap(); // textarea → EditorView (a textarea is never enhanced twice)

function cspNonce() {
  const meta = document.querySelector('meta[name="csp-nonce"]');
  return meta ? meta.content : "";
}

function isFrench(element) {
  const holder = element.closest("[lang]");
  return !holder || /^fr\b/i.test(holder.getAttribute("lang"));
}

function contentAttributes(textarea) {
  // Focusable in the tab order explicitly (contenteditable already is): axe then sees that the
  // scroller a long line makes scrollable on a phone holds focusable content.
  const attrs = {tabindex: "0"};
  const label = textarea.labels && textarea.labels[0];
  if (label) attrs["aria-label"] = label.textContent.replace(/\s+/g, " ").trim();
  else if (textarea.hasAttribute("aria-label")) attrs["aria-label"] = textarea.getAttribute("aria-label");
  if (!label && textarea.hasAttribute("aria-labelledby")) attrs["aria-labelledby"] = textarea.getAttribute("aria-labelledby");
  if (textarea.hasAttribute("aria-describedby")) attrs["aria-describedby"] = textarea.getAttribute("aria-describedby");
  if (textarea.hasAttribute("aria-invalid")) attrs["aria-invalid"] = textarea.getAttribute("aria-invalid");
  if (textarea.required || textarea.hasAttribute("data-code-editor-required")) attrs["aria-required"] = "true";
  return attrs;
}

// Same limit as the textarea's maxlength (counted like CodeMirror: a line break is one).
function maxLength(textarea) {
  const max = textarea.maxLength;
  if (!(max >= 0)) return [];
  return EditorState.transactionFilter.of(tr =>
    tr.docChanged && tr.newDoc.length > max && tr.newDoc.length > tr.startState.doc.length ? [] : tr);
}

export function enhance(textarea, languages) {
  if (views.has(textarea)) return views.get(textarea);
  // A copy of an editor's DOM without its view (htmx history snapshot): drop it.
  const stale = textarea.nextElementSibling;
  if (stale && stale.classList.contains("cm-editor")) stale.remove();

  // A language given synchronously is in the first state; a promised one (lazy chunk) is
  // swapped in through the compartment when it arrives.
  const name = (textarea.dataset.language || "").toLowerCase();
  const load = Object.prototype.hasOwnProperty.call(languages, name) ? languages[name] : null;
  let language = load ? load() : [], pending = null;
  if (language && typeof language.then === "function") { pending = language; language = []; }
  const languageSlot = new Compartment();
  const readOnly = textarea.readOnly || textarea.disabled;
  const view = new EditorView({
    doc: textarea.value,
    extensions: [
      lineNumbers(),
      highlightSpecialChars(),
      history(),
      indentOnInput(),
      bracketMatching(),
      syntaxHighlighting(highlightStyle),
      indentUnit.of("    "),
      keymap.of([...defaultKeymap, ...historyKeymap, indentWithTab]),
      theme,
      EditorView.cspNonce.of(cspNonce()),
      EditorView.contentAttributes.of(contentAttributes(textarea)),
      isFrench(textarea) ? EditorState.phrases.of(FRENCH_PHRASES) : [],
      EditorState.readOnly.of(readOnly),
      EditorView.editable.of(!textarea.disabled),
      maxLength(textarea),
      languageSlot.of(language),
      EditorView.updateListener.of(update => {
        if (!update.docChanged) return;
        textarea.value = update.state.doc.toString();
        textarea.dispatchEvent(new Event("input", {bubbles: true}));
      }),
    ],
  });
  // EditorView.lineWrapping is deliberately not added: long lines scroll horizontally.
  textarea.insertAdjacentElement("afterend", view.dom);
  textarea.hidden = true;
  // The keyboard help (Tab indents, Escape then Tab leaves) is true only once the editor is there.
  (textarea.getAttribute("aria-describedby") || "").split(/\s+/).forEach(id => {
    const help = id && document.getElementById(id);
    if (help && help.hasAttribute("data-code-editor-help")) help.hidden = false;
  });
  views.set(textarea, view);

  // The <label for> points at the hidden textarea: send its clicks to the editor.
  Array.prototype.forEach.call(textarea.labels || [], label => {
    label.addEventListener("click", event => {
      if (!view.dom.contains(event.target)) view.focus();
    });
  });
  // A hidden textarea cannot show the browser's "required" message (Chrome blocks the submit
  // and only logs "An invalid form control … is not focusable"): the editor says it is
  // required (aria-required) and the check is left to the server's form errors.
  if (textarea.required) {
    textarea.required = false;
    textarea.setAttribute("data-code-editor-required", "");
  }
  // Should another script still make the textarea invalid (setCustomValidity), the editor
  // takes the focus when this is the form's first invalid field.
  textarea.addEventListener("invalid", () => {
    const form = textarea.form;
    const first = form && Array.prototype.find.call(form.elements, el => el.willValidate && !el.validity.valid);
    if (!first || first === textarea) view.focus();
  });

  if (pending) pending.then(
    extension => view.dispatch({effects: languageSlot.reconfigure(extension)}),
    error => console.error("code editor: language", textarea.dataset.language, error));
  return view;
}

function syncForm(form) {
  Array.prototype.forEach.call(form.elements || [], element => {
    const view = views.get(element);
    if (view) element.value = view.state.doc.toString();
  });
}

function enhanceWithin(root, languages) {
  if (!root || !root.isConnected) root = document;
  if (root.matches && root.matches("textarea[data-code-editor]")) enhance(root, languages);
  if (root.querySelectorAll) root.querySelectorAll("textarea[data-code-editor]").forEach(ta => enhance(ta, languages));
}

// languages: {python: () => Extension | Promise<Extension>, …}
export function install(languages) {
  // Capture phase on document: runs before any submit listener on the form (htmx included).
  document.addEventListener("submit", event => syncForm(event.target), true);
  document.addEventListener("formdata", event => syncForm(event.target), true);
  // form.reset() puts the textarea back to its initial text: so does the editor.
  document.addEventListener("reset", event => {
    const form = event.target;
    setTimeout(() => Array.prototype.forEach.call(form.elements || [], element => {
      const view = views.get(element);
      if (view && view.state.doc.toString() !== element.value)
        view.dispatch({changes: {from: 0, to: view.state.doc.length, insert: element.value}});
    }));
  }, true);
  // htmx (when present) announces new content with these events; nothing happens without htmx.
  for (const type of ["htmx:load", "htmx:afterSwap", "htmx:historyRestore"])
    document.addEventListener(type, event => enhanceWithin(event.target, languages));
  if (document.readyState === "loading")
    document.addEventListener("DOMContentLoaded", () => enhanceWithin(document, languages));
  else
    enhanceWithin(document, languages);
}
