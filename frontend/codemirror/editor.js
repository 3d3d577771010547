// Entry point of dist/editor.min.js (one IIFE file, every language included).
// Only the Language objects are imported, not python()/javascript()/… : those add
// autocompletion sources (and pull in @codemirror/autocomplete), which we do not use.
import {install} from "./editor-core.js";
import {pythonLanguage} from "@codemirror/lang-python";
import {javascriptLanguage} from "@codemirror/lang-javascript";
import {htmlLanguage} from "@codemirror/lang-html"; // parses <script>/<style> as JavaScript/CSS
import {cssLanguage} from "@codemirror/lang-css";
import {SQLite} from "@codemirror/lang-sql"; // the SQL exercises run on SQLite

install({
  python: () => pythonLanguage,
  javascript: () => javascriptLanguage,
  html: () => htmlLanguage,
  css: () => cssLanguage,
  sql: () => SQLite.language,
});
