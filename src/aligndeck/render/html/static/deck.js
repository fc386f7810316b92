// aligndeck in the browser: the column, presenting, the presenter's view and live updates.
// Plain JavaScript, no build step. The slides are already drawn (inline SVG); this script
// only shows, hides and replaces them.
(() => {
  "use strict";
  const body = document.body;
  const deck = document.getElementById("deck");
  const problems = document.getElementById("problems");
  let data = JSON.parse(document.getElementById("deck-data").textContent);
  let drawn = [];  // the markup each section was last replaced with (live updates)
  const state = { slide: 1, step: 0 };

  // The view: the server says it (/present, /presenter); the file reads it from its hash
  // (deck.html#present:3). A slide number after it, or alone (#3), is where to start.
  // A changed hash (a link, the Present button, a typed address) changes the view in place.
  const baseMode = body.dataset.mode;
  let mode = baseMode;
  function readHash() {
    const hash = location.hash.match(/^#(?:(present|presenter)(?::|$))?(\d+)?(?:\.(\d+))?/);
    mode = (hash && hash[1]) || baseMode;
    body.dataset.mode = mode;
    if (hash && hash[2]) { state.slide = Number(hash[2]); state.step = Number(hash[3] || 0); }
  }
  readHash();

  const sections = () => Array.from(deck.querySelectorAll("section.slide"));
  const count = () => sections().length;
  const builds = (n) => ((data.slides[n - 1] || {}).builds || []);

  // Click builds: a shape of click k shows once `step` clicks have been made.
  function applySteps(root, slide, step) {
    builds(slide).forEach((names, click) => {
      for (const name of names) {
        for (const el of root.querySelectorAll(`[data-name="${CSS.escape(name)}"]`)) {
          const target = el.closest(".arrow") || el;
          if (click >= step) target.setAttribute("data-hidden", "");
          else target.removeAttribute("data-hidden");
        }
      }
    });
  }

  // Two windows of one talk move together: same browser (BroadcastChannel), and the
  // audience window a presenter opened (postMessage, which also works from a file).
  const channel = "BroadcastChannel" in window ? new BroadcastChannel(`aligndeck:${data.id}`) : null;
  let peer = window.opener || null;
  function send() {
    const message = { type: "aligndeck-go", slide: state.slide, step: state.step };
    if (channel) channel.postMessage(message);
    try { if (peer && !peer.closed) peer.postMessage(message, "*"); } catch (_) { /* gone */ }
  }
  function receive(message) {
    if (message && message.type === "aligndeck-go") go(message.slide, message.step, false);
  }
  if (channel) channel.onmessage = (event) => receive(event.data);
  window.addEventListener("message", (event) => {
    if (peer && event.source === peer) receive(event.data);
  });

  function go(slide, step, tell = true) {
    const total = Math.max(count(), 1);
    state.slide = Math.min(Math.max(1, Number(slide) || 1), total);
    state.step = Math.min(Math.max(0, Number(step) || 0), builds(state.slide).length);
    show();
    if (tell) send();
  }
  function next() {
    if (state.step < builds(state.slide).length) go(state.slide, state.step + 1);
    else if (state.slide < count()) go(state.slide + 1, 0);
  }
  function previous() {
    if (state.step > 0) go(state.slide, state.step - 1);
    else if (state.slide > 1) go(state.slide - 1, builds(state.slide - 1).length);
  }

  function show() {
    body.dataset.slide = String(state.slide);
    body.dataset.step = String(state.step);
    if (mode === "present") {
      sections().forEach((section, index) => {
        section.classList.toggle("current", index + 1 === state.slide);
        applySteps(section, index + 1, index + 1 === state.slide ? state.step : 0);
      });
    } else if (mode === "presenter") {
      showPresenter();
    }
    if (mode !== "deck") {
      const prefix = location.pathname.endsWith(".html") ? `#${mode}:` : "#";
      const step = state.step ? `.${state.step}` : "";
      history.replaceState(null, "", `${prefix}${state.slide}${step}`);
    }
  }

  // The presenter's view, built once; its panes hold copies of the slides' drawings.
  let panes = null;
  const started = Date.now();
  function presenterPanes() {
    if (panes) return panes;
    const root = document.createElement("div");
    root.id = "presenter";
    root.innerHTML = `
      <div class="column">
        <div class="pane current"><p class="label">Now <span class="where"></span></p><div class="view"></div></div>
        <div class="bar"><span class="clock" title="Click to restart the clock">0:00</span>
          <span class="planned"></span><button type="button" class="audience">Open the audience window</button></div>
      </div>
      <div class="column">
        <div class="pane next"><p class="label">Next</p><div class="view"></div></div>
        <div class="notes" aria-label="Speaker notes"></div>
      </div>`;
    body.appendChild(root);
    root.querySelector(".clock").addEventListener("click", () => { clockStart = Date.now(); tick(); });
    root.querySelector(".audience").addEventListener("click", () => {
      const url = location.pathname.endsWith(".html")
        ? `${location.pathname}#present:${state.slide}` : `/present#${state.slide}`;
      peer = window.open(url, "aligndeck-audience");
      setTimeout(send, 400);
    });
    panes = {
      current: root.querySelector(".current .view"), next: root.querySelector(".next .view"),
      where: root.querySelector(".where"), notes: root.querySelector(".notes"),
      clock: root.querySelector(".clock"), planned: root.querySelector(".planned"),
    };
    return panes;
  }
  let clockStart = started;
  function tick() {
    if (!panes) return;
    const seconds = Math.floor((Date.now() - clockStart) / 1000);
    const h = Math.floor(seconds / 3600), m = Math.floor(seconds / 60) % 60, s = seconds % 60;
    panes.clock.textContent = (h ? `${h}:${String(m).padStart(2, "0")}` : `${m}`) +
      `:${String(s).padStart(2, "0")}`;
  }
  let copies = 0;
  function ownIds(copy) {
    // The copy's gradients and clips get ids of their own: a reference goes to the first
    // element with its id, here the column's slide, which is hidden and paints nothing.
    copies += 1;
    const suffix = `-c${copies}`;
    for (const element of copy.querySelectorAll("[id]")) element.id += suffix;
    for (const element of copy.querySelectorAll("[fill^='url(#'], [clip-path^='url(#']")) {
      for (const name of ["fill", "clip-path"]) {
        const value = element.getAttribute(name);
        if (value && value.startsWith("url(#")) {
          element.setAttribute(name, value.replace(")", `${suffix})`));
        }
      }
    }
  }
  function copyOf(number, step) {
    const section = sections()[number - 1];
    if (!section) return null;
    const copy = section.cloneNode(true);
    copy.removeAttribute("id");
    ownIds(copy);
    applySteps(copy, number, step);
    return copy;
  }
  function showPresenter() {
    const p = presenterPanes();
    const total = count();
    p.current.replaceChildren(...[copyOf(state.slide, state.step)].filter(Boolean));
    let after = null;
    if (state.step < builds(state.slide).length) after = copyOf(state.slide, state.step + 1);
    else if (state.slide < total) after = copyOf(state.slide + 1, 0);
    p.next.replaceChildren(...(after ? [after] : []));
    if (!after) p.next.textContent = "End of the talk";
    const clicks = builds(state.slide).length;
    p.where.textContent = `— slide ${state.slide} of ${total}` +
      (clicks ? `, click ${state.step} of ${clicks}` : "");
    const notes = ((data.slides[state.slide - 1] || {}).notes || "");
    let cues = 0;  // the cue of the click last made is marked "now", those before "done"
    p.notes.replaceChildren(...notes.split("\n").flatMap((line, index) => {
      const parts = [];
      if (index) parts.push(document.createTextNode("\n"));
      const cue = line.match(/^(\s*\[click\])(.*)$/);
      if (cue) {
        const mark = document.createElement("span");
        mark.className = "cue" + (cues < state.step - 1 ? " done" : cues === state.step - 1 ? " now" : "");
        cues += 1;
        mark.textContent = cue[1];
        parts.push(mark, document.createTextNode(cue[2]));
      } else {
        parts.push(document.createTextNode(line));
      }
      return parts;
    }));
    p.planned.textContent = `planned: ${data.minutes} min`;
    tick();
  }

  const NEXT = new Set(["ArrowRight", "ArrowDown", "PageDown", " ", "Spacebar", "n", "N"]);
  const BACK = new Set(["ArrowLeft", "ArrowUp", "PageUp", "Backspace", "p", "P"]);
  document.addEventListener("keydown", (event) => {
    if (mode === "deck" || event.altKey || event.ctrlKey || event.metaKey) return;
    if (event.key === "Escape" && baseMode === "deck" && !document.fullscreenElement) {
      location.hash = "";  // back to the column of slides
      return;
    }
    if (event.target instanceof HTMLElement && event.target.matches("input, textarea")) return;
    let handled = true;
    if (NEXT.has(event.key)) next();
    else if (BACK.has(event.key)) previous();
    else if (event.key === "Home") go(1, 0);
    else if (event.key === "End") go(count(), builds(count()).length);
    else if (event.key === "f" || event.key === "F") {
      if (document.fullscreenElement) document.exitFullscreen();
      else document.documentElement.requestFullscreen().catch(() => {});
    } else handled = false;
    if (handled) event.preventDefault();
  });
  // Present and Presenter above the column: the file changes its hash, the server's page
  // goes to its own address for the view.
  for (const button of document.querySelectorAll("#modes [data-view]")) {
    button.addEventListener("click", () => {
      const view = button.dataset.view;
      if (location.pathname.endsWith(".html") || location.protocol === "file:") {
        location.hash = `#${view}:1`;
      } else {
        location.href = `/${view}`;
      }
    });
  }
  deck.addEventListener("click", (event) => {
    if (mode === "present" && !event.target.closest("a")) next();
  });

  // Live: the server sends each good save's slides, or a bad save's messages.
  let pictures = null;
  function update(message) {
    if (message.slides) {
      data = message.data;
      const held = document.querySelector("#pictures defs");
      if (held && message.pictures !== undefined && message.pictures !== pictures) {
        held.innerHTML = message.pictures;  // a template's pictures, before the slides
        pictures = message.pictures;
      }
      const existing = sections();
      message.slides.forEach((markup, index) => {
        if (drawn[index] === markup && existing[index]) return;
        const holder = document.createElement("template");
        holder.innerHTML = markup;
        const section = holder.content.firstElementChild;
        if (existing[index]) existing[index].replaceWith(section);
        else deck.appendChild(section);
        drawn[index] = markup;
      });
      for (const extra of existing.slice(message.slides.length)) extra.remove();
      drawn = drawn.slice(0, message.slides.length);
    }
    const lines = message.problems || [];
    problems.querySelector("pre").textContent = lines.join("\n");
    problems.hidden = lines.length === 0;
    body.dataset.version = String(message.version);
    if (mode !== "deck") go(state.slide, state.step, false);
    requestAnimationFrame(() => { window.aligndeckPainted = Date.now(); });
  }
  if (data.live && "EventSource" in window) {
    const events = new EventSource(`/events?v=${encodeURIComponent(data.version)}`);
    events.addEventListener("deck", (event) => update(JSON.parse(event.data)));
  }

  go(state.slide, state.step, false);
  setInterval(() => { if (mode === "presenter") tick(); }, 1000);
  window.addEventListener("hashchange", () => {
    readHash();
    if (mode === "deck") {
      sections().forEach((section, index) => {
        section.classList.remove("current");
        applySteps(section, index + 1, builds(index + 1).length);
      });
    }
    go(state.slide, state.step, false);
  });
})();
