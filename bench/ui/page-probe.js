// The UI bench's eyes in the page (added with `addInitScript`, so it runs before the app on every load). Plain
// browser JavaScript, not TypeScript: Playwright sends it as text, and tsx's transform would add helpers the page
// lacks. It looks only at what a user sees: rows hit at points of the leads grid's viewport, placeholders by
// `aria-busy`, times from input events' own time stamps to the animation frame that shows the rows.
(() => {
  const GRID = '[role="grid"][aria-label="Leads"]';
  const fold = (text) => text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();

  function parts() {
    const grid = document.querySelector(GRID);
    if (!grid) return null;
    const scroller = grid.parentElement;
    const body = grid.querySelector('tbody');
    if (!scroller || !body) return null;
    return { grid, scroller, body };
  }

  /** The part of the scroller where rows show: under the sticky header, above a horizontal scrollbar. */
  function viewport(p) {
    const r = p.scroller.getBoundingClientRect();
    const head = p.grid.querySelector('thead')?.getBoundingClientRect().height ?? 0;
    const barH = p.scroller.offsetHeight - p.scroller.clientHeight;
    return {
      left: r.left,
      right: r.left + p.scroller.clientWidth,
      top: r.top + head,
      bottom: r.bottom - barH,
    };
  }

  /** Data rows (not placeholders) intersecting the viewport, or null while any visible row is a placeholder. */
  function visibleRows(p) {
    const v = viewport(p);
    const rows = [];
    for (const tr of p.body.children) {
      const r = tr.getBoundingClientRect();
      if (r.bottom <= v.top + 1 || r.top >= v.bottom - 1) continue;
      if (tr.getAttribute('aria-busy') === 'true') return null;
      rows.push(tr);
    }
    return rows;
  }

  /** The rows fill the viewport: a data row is hit at its top, middle and bottom, and none visible is a placeholder. */
  function rowsReady() {
    const p = parts();
    if (!p) return false;
    const v = viewport(p);
    if (v.bottom - v.top < 10) return false;
    const x = v.left + Math.min(120, (v.right - v.left) / 2);
    for (const y of [v.top + 3, (v.top + v.bottom) / 2, v.bottom - 3]) {
      const tr = document.elementFromPoint(x, y)?.closest('tr');
      if (!tr || tr.parentElement !== p.body || tr.getAttribute('aria-busy') === 'true') return false;
    }
    return visibleRows(p) !== null;
  }

  function placeholderVisible() {
    const p = parts();
    return p ? visibleRows(p) === null : false;
  }

  /** Resolves with the frame time (performance.now) at which `done()` first holds; placeholders counted per frame. */
  function untilFrame(done, timeoutMs = 20_000) {
    const started = performance.now();
    let placeholderFrames = 0;
    let frames = 0;
    return new Promise((resolve, reject) => {
      const tick = () => {
        frames++;
        if (placeholderVisible()) placeholderFrames++;
        if (done()) return resolve({ at: performance.now(), placeholderFrames, frames });
        if (performance.now() - started > timeoutMs) return reject(new Error('the rows never came'));
        requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
  }

  const frame = () => new Promise((resolve) => requestAnimationFrame(() => resolve()));

  const probe = {
    /** performance.now() of the first frame with rows, on this load */
    interactiveAt: null,
    timeOrigin: performance.timeOrigin,
    rowsReady,
    /** the time stamp of the latest keydown, and where the grid was scrolled before it */
    lastKey: { at: 0, key: '', scrollTop: 0 },

    /** Resolves once this load has drawn its first rows: when that frame came, and the time origin. */
    started() {
      return untilFrame(() => probe.interactiveAt !== null, 60_000).then(() => ({
        at: probe.interactiveAt,
        origin: performance.timeOrigin,
      }));
    },

    async settle() {
      await untilFrame(rowsReady);
      // two more frames, so nothing scheduled by the last render is still running when the next measure starts
      await frame();
      await frame();
    },

    /** A click in the scrollbar's track: one scroll to a far place. */
    async jump(fraction) {
      await probe.settle();
      const { scroller } = parts();
      const t0 = performance.now();
      scroller.scrollTop = Math.round(fraction * (scroller.scrollHeight - scroller.clientHeight));
      const result = await untilFrame(rowsReady);
      return { ms: result.at - t0, placeholderFrames: result.placeholderFrames };
    },

    /** A scrollbar drag: the thumb moves every frame for `frames` frames, then is let go at `to`. */
    async drag(from, to, frames = 30) {
      await probe.settle();
      const { scroller } = parts();
      const span = scroller.scrollHeight - scroller.clientHeight;
      let placeholderFramesDuring = 0;
      for (let i = 0; i <= frames; i++) {
        scroller.scrollTop = Math.round((from + ((to - from) * i) / frames) * span);
        await frame();
        if (placeholderVisible()) placeholderFramesDuring++;
      }
      const t0 = performance.now();
      const result = await untilFrame(rowsReady);
      return { ms: result.at - t0, placeholderFramesDuring, framesDuring: frames + 1 };
    },

    /** A step of `rows` rows down (the wheel or a scripted page), from a settled view. */
    async step(rows) {
      await probe.settle();
      const { scroller } = parts();
      const rowH = scroller.querySelector('tbody tr')?.getBoundingClientRect().height ?? 40;
      const t0 = performance.now();
      scroller.scrollTop += Math.round(rows * rowH);
      const result = await untilFrame(rowsReady);
      return { ms: result.at - t0, placeholderFrames: result.placeholderFrames };
    },

    /** Arms a measure of the next key press in the grid: from its keydown to the frame whose rows fill the new view. */
    armKeyStep() {
      const { scroller } = parts();
      const before = scroller.scrollTop;
      // A press that only moves the active row inside the view scrolls nothing: it is no page step (NaN).
      probe.keyStep = untilFrame(
        () =>
          probe.lastKey.at > 0 &&
          (scroller.scrollTop !== before || performance.now() - probe.lastKey.at > 1000) &&
          rowsReady(),
      ).then((r) =>
        scroller.scrollTop === before
          ? { ms: Number.NaN, placeholderFrames: 0 }
          : { ms: r.at - probe.lastKey.at, placeholderFrames: r.placeholderFrames },
      );
      probe.lastKey = { at: 0, key: '', scrollTop: before };
      return before;
    },
    keyStep: null,

    /** Arms a measure of a search for `text`: from the last key or input event to rows that all match it. */
    armSearch(text) {
      const want = fold(text);
      const box = document.querySelector('input[type="search"]');
      probe.lastKey = { at: 0, key: '', scrollTop: 0 };
      probe.search = untilFrame(() => {
        if (!box || fold(box.value) !== want || !rowsReady()) return false;
        const p = parts();
        const rows = p ? visibleRows(p) : null;
        return !!rows?.length && rows.every((tr) => fold(tr.textContent ?? '').includes(want));
      }, 30_000).then((r) => ({ ms: r.at - probe.lastKey.at, placeholderFrames: r.placeholderFrames }));
    },
    search: null,
  };

  // A key, or text put in at once (a paste): the input event's own time stamp.
  for (const type of ['keydown', 'input']) {
    addEventListener(
      type,
      (event) => {
        probe.lastKey = { at: event.timeStamp, key: event.key ?? type, scrollTop: probe.lastKey.scrollTop };
      },
      true,
    );
  }

  // Start to interactive: the first frame whose viewport of the leads grid is filled with rows.
  const watchStart = () => {
    if (rowsReady()) {
      probe.interactiveAt = performance.now();
      return;
    }
    requestAnimationFrame(watchStart);
  };
  requestAnimationFrame(watchStart);

  globalThis.__uiBench = probe;
})();
