// Evaluated in the exercise's page by exercises/graders/web.py (page.evaluate): one check in,
// {ok, detail} out. Kept free of learner-visible globals: it runs once and returns.
(check) => {
  const all = [...document.querySelectorAll(check.selector || ":root")];
  const parse = (c) => {
    const m = c.match(/rgba?\(([^)]+)\)/);
    if (!m) return [0, 0, 0, 0];
    const p = m[1].split(/[\s,\/]+/).filter(Boolean).map(Number);
    return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
  };
  const blend = (top, bottom) => {
    const a = top[3] + bottom[3] * (1 - top[3]);
    if (a === 0) return [0, 0, 0, 0];
    return [0, 1, 2].map((i) => (top[i] * top[3] + bottom[i] * bottom[3] * (1 - top[3])) / a).concat([a]);
  };
  const luminance = (rgb) => {
    const [r, g, b] = rgb.slice(0, 3).map((v) => {
      v /= 255;
      return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const background = (el) => {
    const layers = [];
    let image = false;
    for (let node = el; node && node.nodeType === 1; node = node.parentElement) {
      const style = getComputedStyle(node);
      if (style.backgroundImage && style.backgroundImage !== "none") image = true;
      layers.push(parse(style.backgroundColor));
    }
    let colour = [255, 255, 255, 1];
    for (const layer of layers.reverse()) colour = blend(layer, colour);
    return { colour, image };
  };
  const describe = (el) => {
    let s = el.tagName.toLowerCase();
    if (el.id) s += "#" + el.id;
    else if (el.classList.length) s += "." + [...el.classList].join(".");
    return s;
  };
  const visible = (el) => {
    const r = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    return r.width > 0 && r.height > 0 && style.visibility !== "hidden" && style.display !== "none" &&
      (el.checkVisibility ? el.checkVisibility({ opacityProperty: true, visibilityProperty: true }) : true);
  };
  if (check.type === "layout" && check.no_horizontal_scroll) {
    const width = document.documentElement.scrollWidth;
    if (width > window.innerWidth + 1) {
      const wide = [...document.querySelectorAll("body *")].find((el) => el.getBoundingClientRect().right > window.innerWidth + 1);
      return { ok: false, code: "scroll", width, innerWidth: window.innerWidth, element: wide ? describe(wide) : "" };
    }
    if (!check.selector) return { ok: true };
  }
  if (check.type === "expect") {
    return {
      count: all.length,
      items: all.slice(0, 50).map((el) => ({
        text: (el.innerText || el.textContent || "").replace(/\s+/g, " ").trim().slice(0, 300),
        classes: [...el.classList], visible: visible(el), value: "value" in el ? String(el.value) : null,
        attributes: Object.fromEntries([...el.attributes].map((a) => [a.name, a.value.slice(0, 300)])),
        element: describe(el),
      })),
    };
  }
  if (!all.length) return { ok: false, code: "missing" };
  const results = all.map((el) => {
    const style = getComputedStyle(el);
    if (check.type === "style") {
      const value = style.getPropertyValue(check.property).trim();
      return { ok: null, value, element: describe(el) };
    }
    if (check.type === "contrast") {
      const fg = parse(style.color);
      const { colour, image } = background(el);
      const text = blend(fg, colour);
      const l1 = luminance(text), l2 = luminance(colour);
      const ratio = (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05);
      const size = parseFloat(style.fontSize);
      const bold = parseInt(style.fontWeight, 10) >= 700;
      const large = size >= 24 || (bold && size >= 18.66);
      const needed = check.min_ratio || (large ? 3 : 4.5);
      return { ok: ratio + 1e-9 >= needed, ratio: Math.round(ratio * 100) / 100, needed, image, element: describe(el) };
    }
    if (check.type === "layout") {
      const r = el.getBoundingClientRect();
      if (check.visible !== undefined && visible(el) !== check.visible) return { ok: false, code: check.visible ? "hidden" : "shown", element: describe(el) };
      if (check.in_viewport && (r.left < -1 || r.right > window.innerWidth + 1)) return { ok: false, code: "outside", element: describe(el) };
      return { ok: true, rect: [r.left, r.top, r.right, r.bottom], element: describe(el) };
    }
    return { ok: false, code: "type" };
  });
  if (check.type === "layout" && (check.stacked || check.side_by_side)) {
    for (let i = 1; i < results.length; i++) {
      const [pl, pt, pr, pb] = results[i - 1].rect || [0, 0, 0, 0];
      const [l, t] = results[i].rect || [0, 0, 0, 0];
      if (check.stacked && t < pb - 1) return { ok: false, code: "not-stacked", element: results[i].element };
      if (check.side_by_side && (l < pr - 1 || Math.abs(t - pt) > 40)) return { ok: false, code: "not-side", element: results[i].element };
    }
  }
  return { ok: null, results };
}
