// A React app as people write them: the library starts first, the form
// (with the session's limit stated in it) renders once the app's data has
// loaded, and its fields are controlled (React owns their values).
import { createElement as h, useState } from "react";
import { createRoot } from "react-dom/client";
import { startSession } from "./session.js";

await startSession();

function Note() {
  const [title, setTitle] = useState("");
  const [body, setBody] = useState("");
  const [urgent, setUrgent] = useState(false);
  const [shop, setShop] = useState("corner");
  return h("form", { id: "note", "data-session-timeout-preserve": "" },
    h("p", { "data-session-timeout-notice": "" }),
    h("label", { htmlFor: "title" }, "Title"),
    h("input", { id: "title", name: "title", value: title, onChange: (e) => setTitle(e.target.value) }),
    h("label", { htmlFor: "body" }, "Note"),
    h("textarea", { id: "body", name: "body", value: body, onChange: (e) => setBody(e.target.value) }),
    h("label", null, h("input", { type: "checkbox", id: "urgent", name: "urgent", checked: urgent, onChange: (e) => setUrgent(e.target.checked) }), " Urgent"),
    h("label", { htmlFor: "shop" }, "Shop"),
    h("select", { id: "shop", name: "shop", value: shop, onChange: (e) => setShop(e.target.value) },
      h("option", { value: "corner" }, "Corner shop"), h("option", { value: "market" }, "Market")),
    h("p", null, "React holds: ", h("output", { id: "held" }, `${title}|${body}|${urgent}|${shop}`)));
}

// The app's data first, as most apps wait for theirs before a form shows.
await (await fetch("/api/data")).text();
createRoot(document.getElementById("root")).render(h(Note));
