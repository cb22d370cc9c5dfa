/**
 * Reads an HTML body the way a mail client shows it, with a real HTML tokenizer (htmlparser2, pure JS, linear):
 * attribute values may hold `>` or entities, `data-href` is not `href`, comments and `<style>` are not text.
 * One pass gives everything the send path needs: the visible text, the links with their text, the images,
 * whether any text is hidden from the reader, and the plain-text part generated from the HTML.
 * A link is whatever a browser opens on a click: `<a href>`, an image map's `<area href>`, and in SVG an `<a>` by
 * `href` or `xlink:href`; relative links open against the first `<base href>`, wherever it stands.
 */
import { type Handler, Parser } from 'htmlparser2';

/** An `<a>`, or an image map's `<area>`. */
export interface HtmlAnchor {
  /**
   * The `href` attribute (in SVG, `xlink:href` when there is no `href`), entity-decoded, exactly as the browser
   * gets it; null for an element without one.
   */
  readonly href: string | null;
  /** The text a reader sees as the link, whitespace collapsed; an `<area>`'s `alt`. */
  readonly text: string;
}

export interface HtmlImage {
  readonly src: string;
  /** 2×2 pixels or smaller, or hidden: an open-tracking pixel rather than a picture. */
  readonly pixel: boolean;
}

export interface HtmlReading {
  /** The text a reader sees, whitespace collapsed; block boundaries read as spaces, inline tags as nothing. */
  readonly text: string;
  readonly anchors: readonly HtmlAnchor[];
  /**
   * The first `<base href>` outside a `<template>`, entity-decoded: clients that honour it open every relative
   * link against it. Null when there is none.
   */
  readonly base: string | null;
  readonly images: readonly HtmlImage[];
  /** Text a reader cannot see: display:none, zero size or opacity, or white on no background. */
  readonly hiddenText: boolean;
  /** The plain-text part: paragraphs kept, list items as "- ", links as `text (url)`. */
  readonly plain: string;
}

const PARSER_OPTIONS = { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true };

/** Elements whose content is never shown as text. */
const NOT_SHOWN: ReadonlySet<string> = new Set(['head', 'title', 'style', 'script', 'template']);

// Elements that start a new line or box: the text on either side does not run together.
// biome-ignore format: a list reads better packed
const BLOCKS: ReadonlySet<string> = new Set([
  'address', 'article', 'aside', 'blockquote', 'br', 'center', 'dd', 'details', 'div', 'dl', 'dt', 'figcaption',
  'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'li', 'main', 'nav', 'ol', 'p',
  'pre', 'section', 'summary', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'ul',
]);
// Where the plain-text part ends a paragraph; `<br>` is one line break, a table cell a space.
// biome-ignore format: a list reads better packed
const PARAGRAPH_END: ReadonlySet<string> = new Set([
  'p', 'div', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'tr', 'table', 'blockquote',
]);

const HIDING =
  /(?:^|[;\s])(?:display\s*:\s*none|visibility\s*:\s*hidden|(?:font-size|opacity|max-height|line-height)\s*:\s*0(?:\.0+)?(?:px|pt|em|rem|%)?\s*(?:;|!|$))/i;
const WHITE =
  /^\s*(?:#fff(?:fff)?|white|rgba?\(\s*255\s*,\s*255\s*,\s*255\s*(?:,\s*1(?:\.0+)?\s*)?\))\s*(?:!important)?\s*$/i;
const COLOR = /(?:^|[;\s])color\s*:\s*([^;]*)/i;
const BACKGROUND = /(?:^|[;\s])background(?:-color)?\s*:\s*([^;]*)/i;
const SIZE = /(?:^|[;\s])(width|height)\s*:\s*(\d+(?:\.\d+)?)\s*px/gi;

/** What an element passes on to its content. Elements that change none of it share their parent's. */
interface Paint {
  hidden: boolean;
  /** a non-white background is painted here or further out, so white text on it is readable */
  painted: boolean;
  white: boolean;
}

const isWhite = (value: string | undefined): boolean => value !== undefined && WHITE.test(value);
/** A background that shows: any colour or image except white, transparent or none. */
const showsBackground = (value: string | undefined): boolean =>
  value !== undefined &&
  value.trim() !== '' &&
  !isWhite(value) &&
  !/^\s*(?:transparent|none|inherit)\b/i.test(value);

function paintOf(name: string, attrs: Record<string, string>, parent: Paint): Paint {
  const style = attrs.style;
  const fontColor = name === 'font' ? attrs.color : undefined;
  if (style === undefined && attrs.bgcolor === undefined && fontColor === undefined) return parent;
  const color = (style && COLOR.exec(style)?.[1]) ?? fontColor;
  const background = (style && BACKGROUND.exec(style)?.[1]) ?? attrs.bgcolor;
  return {
    hidden: parent.hidden || (style !== undefined && HIDING.test(style)),
    painted: parent.painted || showsBackground(background),
    white: color === undefined ? parent.white : isWhite(color),
  };
}

function isPixel(attrs: Record<string, string>, paint: Paint): boolean {
  if (paint.hidden) return true;
  const size: Record<string, number> = {};
  for (const key of ['width', 'height'] as const) {
    const n = Number.parseFloat(attrs[key] ?? '');
    if (Number.isFinite(n)) size[key] = n;
  }
  for (const m of (attrs.style ?? '').matchAll(SIZE)) size[(m[1] ?? '').toLowerCase()] = Number(m[2]);
  return size.width !== undefined && size.height !== undefined && size.width <= 2 && size.height <= 2;
}

// Whitespace that is not already a single space: a run of two or more, or one tab or line break. Replacing only
// these gives the same text as collapsing every run, without copying strings that have none.
const LOOSE_SPACE = /\s{2,}|[^\S ]/g;
const collapseSpace = (s: string): string => s.replace(LOOSE_SPACE, ' ');
const collapse = (s: string): string => collapseSpace(s).trim();

/** Where SVG starts, or HTML starts again inside it (htmlparser2 keeps SVG's camel-case tag names). */
const isForeignRoot = (name: string): boolean =>
  name === 'svg' || name === 'foreignObject' || name === 'foreignobject';

function renderLink(href: string | null, text: string): string {
  if (href === null || text === href) return href ?? text;
  return text ? `${text} (${href})` : href;
}

function parse(html: string): HtmlReading {
  const text: string[] = [];
  const plain: string[] = [];
  const anchors: HtmlAnchor[] = [];
  const images: HtmlImage[] = [];
  let hiddenText = false;
  const root: Paint = { hidden: false, painted: false, white: false };
  const names: string[] = [''];
  const paints: Paint[] = [root];
  let notShown = 0;
  let pre = 0;
  let template = 0;
  let base: string | null = null;
  // 'svg' or 'foreignObject', innermost last: an SVG `<a>` reads `xlink:href`, an HTML one (even in a
  // foreignObject) does not.
  const foreign: string[] = [];
  let anchor: { href: string | null; parts: string[]; depth: number } | null = null;
  const finishAnchor = () => {
    if (!anchor) return;
    const linkText = collapse(anchor.parts.join(''));
    anchors.push({ href: anchor.href, text: linkText });
    plain.push(` ${renderLink(anchor.href?.trim() ?? null, linkText)} `);
    anchor = null;
  };
  const close = (name: string) => {
    if (NOT_SHOWN.has(name)) notShown--;
    if (name === 'pre') pre--;
    if (name === 'template') template--;
    if (isForeignRoot(name)) foreign.pop();
    if (BLOCKS.has(name)) {
      text.push(' ');
      if (anchor) anchor.parts.push(' ');
    }
    if (anchor) return;
    if (PARAGRAPH_END.has(name)) plain.push('\n\n');
    else if (name === 'td' || name === 'th') plain.push(' ');
  };

  const handler: Partial<Handler> = {
    onopentag(name, attrs) {
      const paint = paintOf(name, attrs, paints[paints.length - 1] ?? root);
      names.push(name);
      paints.push(paint);
      if (NOT_SHOWN.has(name)) notShown++;
      if (name === 'pre') pre++;
      if (name === 'template') template++;
      if (isForeignRoot(name)) foreign.push(name);
      if (BLOCKS.has(name)) {
        text.push(' ');
        if (anchor) anchor.parts.push(' ');
      }
      if (name === 'base' && base === null && template === 0 && attrs.href !== undefined) base = attrs.href;
      else if (name === 'a' && notShown === 0) {
        finishAnchor();
        const svg = foreign[foreign.length - 1] === 'svg';
        anchor = {
          href: attrs.href ?? (svg ? attrs['xlink:href'] : undefined) ?? null,
          parts: [],
          depth: names.length,
        };
      } else if (name === 'area' && notShown === 0) {
        const href = attrs.href ?? null;
        const alt = collapse(attrs.alt ?? '');
        anchors.push({ href, text: alt });
        if (href !== null && !anchor) plain.push(` ${renderLink(href.trim(), alt)} `);
      } else if (name === 'img' && notShown === 0) {
        images.push({ src: attrs.src ?? '', pixel: isPixel(attrs, paint) });
      } else if (!anchor && name === 'li') plain.push('\n- ');
      else if (!anchor && name === 'br') plain.push('\n');
    },
    ontext(data) {
      if (notShown > 0) return;
      text.push(data);
      // Source line breaks are layout, not text, except inside <pre>.
      if (anchor) anchor.parts.push(data);
      else plain.push(pre > 0 ? data : collapseSpace(data));
      const paint = paints[paints.length - 1] ?? root;
      if (!hiddenText && (paint.hidden || (paint.white && !paint.painted)) && /\S/.test(data))
        hiddenText = true;
    },
    onclosetag(name) {
      // The tokenizer closes what it opened, in order; a stray end tag is ignored, as a browser does.
      const at = names.lastIndexOf(name);
      if (at <= 0) return;
      while (names.length > at) {
        if (anchor && names.length === anchor.depth) finishAnchor();
        paints.pop();
        close(names.pop() ?? '');
      }
    },
  };
  new Parser(handler, PARSER_OPTIONS).end(html);
  finishAnchor();
  let rendered: string | undefined;
  return {
    text: collapse(text.join('')),
    anchors,
    base,
    images,
    hiddenText,
    // Rendered when asked: most drafts come with their own plain-text part.
    get plain() {
      rendered ??= plain
        .join('')
        .replace(/[ \t\f\v\u00a0]+/g, ' ')
        .replace(/ *\n */g, '\n')
        .replace(/\n{3,}/g, '\n\n')
        .trim();
      return rendered;
    },
  };
}

/**
 * How much of a body is read. The content rules block bodies past Gmail's clipping size (about 100 KB) anyway,
 * and the tokenizer's open-element stack costs O(depth) per tag, so a hostile megabyte of nested tags would
 * otherwise take seconds.
 */
export const HTML_READ_LIMIT = 200_000;

// The send path generates the plain-text part and then assesses the same HTML: one parse serves both.
let last: { html: string; reading: HtmlReading } | null = null;

/** Reads an HTML body (up to `HTML_READ_LIMIT` characters) in one pass of the tokenizer. */
export function readHtml(html: string): HtmlReading {
  if (last?.html !== html) last = { html, reading: parse(html.slice(0, HTML_READ_LIMIT)) };
  return last.reading;
}

/** The plain-text part generated from an HTML body. */
export function htmlToText(html: string): string {
  return readHtml(html).plain;
}
