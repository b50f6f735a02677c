// The what-if page of `commitlogic serve`: clicks become a query (a date and a list
// of assumptions), the server answers with the page's new content, rendered and
// escaped there, which replaces the old.  The query lives in the address, so a tab
// can be reloaded or copied; the server keeps no per-tab state.
"use strict";
(function () {
  const live = document.getElementById("live");
  const notice = document.getElementById("notice");
  const busy = document.getElementById("busy");
  const picker = document.getElementById("at-picker");
  const start = JSON.parse(document.getElementById("state").textContent);
  let query = { at: start.at || "", assume: start.assume.slice() };
  let version = start.version;
  let sent = 0;      // the number of the last request sent
  let shown = 0;     // the number of the request whose answer is shown

  function say(text) {
    notice.textContent = text || "";
    notice.hidden = !text;
  }

  function parameters(q) {
    const search = new URLSearchParams();
    if (q.at) search.set("at", q.at);
    for (const given of q.assume) search.append("assume", given);
    return search.toString();
  }

  async function load(next) {
    const number = ++sent;
    const began = performance.now();
    busy.textContent = "updating…";
    live.dataset.ready = "0";
    let answer, body;
    try {
      answer = await fetch("api/view?" + parameters(next), { cache: "no-store" });
      body = await answer.json();
    } catch (problem) {
      if (number === sent) {
        busy.textContent = "";
        live.dataset.ready = "1";
        say("The server does not answer: is `commitlogic serve` still running?");
      }
      return;
    }
    if (number < shown) return;  // an older answer arriving late
    shown = number;
    if (number === sent) busy.textContent = "";
    if (!answer.ok) {
      say(body.error || ("error " + answer.status));
      live.dataset.ready = "1";
      return;
    }
    say("");
    query = next;
    version = body.version;
    live.innerHTML = body.html;
    if (picker) picker.value = query.at.slice(0, 10);
    history.replaceState(null, "", "?" + parameters(query));
    live.dataset.updated = String(performance.now() - began);
    live.dataset.ready = number === sent ? "1" : "0";
    if (number === sent && !body.broken) await replay(number, next, began);
  }

  // The timeline replays every date: it follows the rest of the answer.
  async function replay(number, next, began) {
    live.dataset.timeline = "pending";
    let answer, body;
    try {
      answer = await fetch("api/timeline?" + parameters(next), { cache: "no-store" });
      body = await answer.json();
    } catch (problem) {
      return;
    }
    const section = document.getElementById("timeline");
    if (number !== sent || !answer.ok || !section) return;
    section.outerHTML = body.html;
    live.dataset.replayed = String(performance.now() - began);
    live.dataset.timeline = "ready";
  }

  function without(formula) {
    return query.assume.filter((given) => {
      const text = given.trim().split(/\s+/).join(" ");
      return text !== formula && text !== "not " + formula;
    });
  }

  document.addEventListener("click", (event) => {
    const button = event.target.closest("button");
    if (!button || button.disabled) return;
    if (button.dataset.formula !== undefined) {
      const formula = button.dataset.formula;
      const assume = without(formula);
      if (button.dataset.value === "true") assume.push(formula);
      if (button.dataset.value === "false") assume.push("not " + formula);
      load({ at: query.at, assume: assume });
    } else if (button.dataset.remove !== undefined) {
      load({ at: query.at, assume: query.assume.filter((given) => given !== button.dataset.remove) });
    } else if (button.dataset.at !== undefined) {
      load({ at: button.dataset.at, assume: query.assume });
    } else if (button.id === "at-latest") {
      load({ at: "", assume: query.assume });
    } else if (button.id === "clear-all") {
      load({ at: query.at, assume: [] });
    }
  });

  if (picker) {
    picker.addEventListener("change", () => load({ at: picker.value, assume: query.assume }));
  }

  // The file on disk: reload the content when it changes.
  async function watch() {
    try {
      const answer = await fetch("api/version", { cache: "no-store" });
      const body = await answer.json();
      if (notice.dataset.down) { delete notice.dataset.down; say(""); }
      if (answer.ok && body.version !== version) {
        version = body.version;
        await load(query);
      }
    } catch (problem) {
      say("The server does not answer: is `commitlogic serve` still running?");
      notice.dataset.down = "1";
    }
    setTimeout(watch, 1000);
  }
  setTimeout(watch, 1000);
})();
