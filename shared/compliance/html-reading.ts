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

const ROOT: Paint = { hidden: false, painted: false, white: false };

/** An `<a>` still open: its text is gathered until it closes. */
interface OpenAnchor {
  href: string | null;
  parts: string[];
  /** How many elements were open, it included, when it opened. */
  depth: number;
}

/**
 * One pass of the tokenizer over a body, as its handler: what a reader sees, where links go, and the plain-text
 * part. `reading()` gives the result once the parser has ended.
 */
class BodyReader implements Partial<Handler> {
  private readonly text: string[] = [];
  private readonly plain: string[] = [];
  /**
   * Where in `plain` a text outside `<pre>` stands: its whitespace is collapsed when the plain-text part is
   * rendered, not as it is read, since most drafts come with their own plain-text part and never render it.
   */
  private readonly loose: number[] = [];
  private readonly anchors: HtmlAnchor[] = [];
  private readonly images: HtmlImage[] = [];
  private hiddenText = false;
  private base: string | null = null;
  /** The open elements, outermost first, and what each passes on to its content. */
  private readonly names: string[] = [''];
  private readonly paints: Paint[] = [ROOT];
  private notShown = 0;
  private pre = 0;
  private template = 0;
  /**
   * 'svg' or 'foreignObject', innermost last: an SVG `<a>` reads `xlink:href`, an HTML one (even in a
   * foreignObject) does not.
   */
  private readonly foreign: string[] = [];
  private anchor: OpenAnchor | null = null;

  onopentag(name: string, attrs: Record<string, string>): void {
    const paint = paintOf(name, attrs, this.paints[this.paints.length - 1] ?? ROOT);
    this.names.push(name);
    this.paints.push(paint);
    this.enter(name);
    if (name === 'base') this.readBase(attrs);
    else if (name === 'a' && this.notShown === 0) this.openAnchor(attrs);
    else if (name === 'area' && this.notShown === 0) this.readArea(attrs);
    else if (name === 'img' && this.notShown === 0)
      this.images.push({ src: attrs.src ?? '', pixel: isPixel(attrs, paint) });
    else if (!this.anchor && name === 'li') this.plain.push('\n- ');
    else if (!this.anchor && name === 'br') this.plain.push('\n');
  }

  ontext(data: string): void {
    if (this.notShown > 0) return;
    this.text.push(data);
    // Source line breaks are layout, not text, except inside <pre>.
    if (this.anchor) this.anchor.parts.push(data);
    else {
      if (this.pre === 0) this.loose.push(this.plain.length);
      this.plain.push(data);
    }
    const paint = this.paints[this.paints.length - 1] ?? ROOT;
    if (!this.hiddenText && (paint.hidden || (paint.white && !paint.painted)) && /\S/.test(data))
      this.hiddenText = true;
  }

  onclosetag(name: string): void {
    // The tokenizer closes what it opened, in order; a stray end tag is ignored, as a browser does.
    const at = this.names.lastIndexOf(name);
    if (at <= 0) return;
    while (this.names.length > at) {
      if (this.anchor && this.names.length === this.anchor.depth) this.finishAnchor();
      this.paints.pop();
      this.leave(this.names.pop() ?? '');
    }
  }

  /** What the body holds, once the parser has ended. */
  reading(): HtmlReading {
    this.finishAnchor();
    const { plain, loose } = this;
    let rendered: string | undefined;
    return {
      text: collapse(this.text.join('')),
      anchors: this.anchors,
      base: this.base,
      images: this.images,
      hiddenText: this.hiddenText,
      // Rendered when asked: most drafts come with their own plain-text part.
      get plain() {
        rendered ??= renderPlain(plain, loose);
        return rendered;
      },
    };
  }

  /** Counts the element into the contexts it starts; a block separates the text on either side. */
  private enter(name: string): void {
    if (NOT_SHOWN.has(name)) this.notShown++;
    if (name === 'pre') this.pre++;
    if (name === 'template') this.template++;
    if (isForeignRoot(name)) this.foreign.push(name);
    if (BLOCKS.has(name)) this.breakText();
  }

  /** Counts the element out of its contexts, and ends its line or paragraph in the plain-text part. */
  private leave(name: string): void {
    if (NOT_SHOWN.has(name)) this.notShown--;
    if (name === 'pre') this.pre--;
    if (name === 'template') this.template--;
    if (isForeignRoot(name)) this.foreign.pop();
    if (BLOCKS.has(name)) this.breakText();
    if (this.anchor) return;
    if (PARAGRAPH_END.has(name)) this.plain.push('\n\n');
    else if (name === 'td' || name === 'th') this.plain.push(' ');
  }

  private breakText(): void {
    this.text.push(' ');
    if (this.anchor) this.anchor.parts.push(' ');
  }

  /** The first `<base href>` counts, wherever it stands, except inside a template (which is never rendered). */
  private readBase(attrs: Record<string, string>): void {
    if (this.base === null && this.template === 0 && attrs.href !== undefined) this.base = attrs.href;
  }

  private openAnchor(attrs: Record<string, string>): void {
    this.finishAnchor();
    const svg = this.foreign[this.foreign.length - 1] === 'svg';
    const href = attrs.href ?? (svg ? attrs['xlink:href'] : undefined) ?? null;
    this.anchor = { href, parts: [], depth: this.names.length };
  }

  private finishAnchor(): void {
    const anchor = this.anchor;
    if (!anchor) return;
    const linkText = collapse(anchor.parts.join(''));
    this.anchors.push({ href: anchor.href, text: linkText });
    this.plain.push(` ${renderLink(anchor.href?.trim() ?? null, linkText)} `);
    this.anchor = null;
  }

  /** An image map's `<area>`: a link with no content, its `alt` as its text. */
  private readArea(attrs: Record<string, string>): void {
    const href = attrs.href ?? null;
    const alt = collapse(attrs.alt ?? '');
    this.anchors.push({ href, text: alt });
    if (href !== null && !this.anchor) this.plain.push(` ${renderLink(href.trim(), alt)} `);
  }
}

/** The plain-text part from its pieces: `loose` says which are text whose whitespace collapses. */
function renderPlain(parts: string[], loose: readonly number[]): string {
  for (const at of loose) parts[at] = collapseSpace(parts[at] ?? '');
  return parts
    .join('')
    .replace(/[ \t\f\v\u00a0]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function parse(html: string): HtmlReading {
  const reader = new BodyReader();
  new Parser(reader, PARSER_OPTIONS).end(html);
  return reader.reading();
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
