/**
 * Per-property value rules for the hosted-UI CSS (SetUICustomization), after css-filter.ts has kept only the
 * properties Cognito lists for each class and only inert tokens: colours must be colours, lengths use px, em,
 * rem or % within ranges that keep the page usable, keywords come from the short lists Cognito documents
 * (display block|inline, border solid|none, font-weight 100–900), and nothing is negative except a margin of at
 * most 50px — a large negative margin or an oversized box is how a stylesheet lays one element over another,
 * while Cognito's own default stylesheet (`margin: 20px -15px 10px -13px; width: 108%` on the submit button)
 * must keep passing. Returns the reason a value is refused, or undefined. Pure: no I/O, no errors thrown here.
 */
import * as csstree from 'css-tree';

type Term = csstree.CssNode;
type Rule = (terms: readonly Term[], value: csstree.CssNode) => string | undefined;

/** CSS-wide keywords are harmless for every property. */
const WIDE = new Set(['inherit', 'initial', 'unset', 'revert']);
const UNIT_PX: Readonly<Record<string, number>> = { px: 1, em: 16, rem: 16 };

const ident = (t: Term | undefined) => (t?.type === 'Identifier' ? t.name.toLowerCase() : undefined);
const isColor = (value: csstree.CssNode) => !!csstree.lexer.matchType('color', value).matched;
const colorTerm = (t: Term) => isColor({ type: 'Value', children: new csstree.List<csstree.CssNode>().appendData(t) } as csstree.Value);

/** A length (px/em/rem, or 0) within [minPx, maxPx], or a percentage within [0, maxPercent] when allowed. */
function length(t: Term, maxPx: number, maxPercent?: number, minPx = 0): string | undefined {
  if (t.type === 'Number') return Number(t.value) === 0 ? undefined : 'a length needs a unit (px, em, rem)';
  if (t.type === 'Percentage') {
    if (maxPercent === undefined) return 'a percentage is not allowed here';
    const n = Number(t.value);
    return n < 0 ? 'negative values are not allowed' : n > maxPercent ? `at most ${maxPercent}% is allowed` : undefined;
  }
  if (t.type !== 'Dimension') return `'${csstree.generate(t)}' is not a length`;
  const factor = UNIT_PX[t.unit.toLowerCase()];
  if (factor === undefined) return `the unit '${t.unit}' is not allowed (use px, em, rem${maxPercent !== undefined ? ' or %' : ''})`;
  const px = Number(t.value) * factor;
  if (px < minPx) return minPx === 0 ? 'negative values are not allowed (they can move an element over another)' : `at least ${minPx}px is allowed (a larger negative margin can move an element over another)`;
  return px > maxPx ? `at most ${maxPx}px is allowed` : undefined;
}

const one = (rule: (t: Term) => string | undefined): Rule => (terms) => (terms.length === 1 ? rule(terms[0]!) : 'exactly one value is expected');
const keywords = (...allowed: string[]): Rule =>
  one((t) => (allowed.includes(ident(t) ?? '') ? undefined : `must be one of ${allowed.join(', ')}`));
const color: Rule = (_terms, value) => (isColor(value) ? undefined : 'must be a colour (#rgb, #rrggbb, rgb(), rgba(), hsl(), hsla() or a colour name)');
const size = (maxPx: number, maxPercent: number | undefined, ...words: string[]): Rule =>
  one((t) => (words.includes(ident(t) ?? '') ? undefined : length(t, maxPx, maxPercent)));
/** margin / padding shorthand: one to four sizes (margins may go 50px negative). */
const box = (maxPx: number, maxPercent: number, minPx: number, ...words: string[]): Rule => (terms) => {
  if (terms.length < 1 || terms.length > 4) return 'one to four values are expected';
  for (const t of terms) {
    const why = words.includes(ident(t) ?? '') ? undefined : length(t, maxPx, maxPercent, minPx);
    if (why) return why;
  }
  return undefined;
};
/** border / outline shorthand: width (≤ 100px), style solid|none, colour; each at most once. */
const line: Rule = (terms) => {
  if (terms.length < 1 || terms.length > 3) return 'one to three values are expected (width, solid|none, colour)';
  const seen = new Set<string>();
  for (const t of terms) {
    const word = ident(t);
    const kind = word === 'solid' || word === 'none' ? 'style' : colorTerm(t) ? 'colour' : 'width';
    if (kind === 'width' && word !== undefined && !['thin', 'medium', 'thick'].includes(word)) return `the style '${word}' is not allowed (solid or none)`;
    if (seen.has(kind)) return `the ${kind} is given twice`;
    seen.add(kind);
    if (kind === 'width') {
      const why = word !== undefined ? undefined : length(t, 100);
      if (why) return `the width: ${why}`;
    }
  }
  return undefined;
};
const FONT_SIZES = ['xx-small', 'x-small', 'small', 'medium', 'large', 'x-large', 'xx-large', 'smaller', 'larger'];
const fontSize: Rule = one((t) => {
  if (FONT_SIZES.includes(ident(t) ?? '')) return undefined;
  if (t.type === 'Percentage') return Number(t.value) >= 50 && Number(t.value) <= 400 ? undefined : 'must be between 50% and 400%';
  const why = length(t, 72);
  if (why) return why;
  return t.type === 'Dimension' && Number(t.value) * (UNIT_PX[t.unit.toLowerCase()] ?? 1) < 6 ? 'must be at least 6px' : undefined;
});
const fontWeight: Rule = one((t) => {
  if (['normal', 'bold', 'bolder', 'lighter'].includes(ident(t) ?? '')) return undefined;
  const n = t.type === 'Number' ? Number(t.value) : NaN;
  return n >= 100 && n <= 900 && n % 100 === 0 ? undefined : 'must be 100 to 900 in steps of 100, normal, bold, bolder or lighter';
});

/** Property → its value rule (every property some class allows, see ALLOWED in css-filter.ts). */
export const PROPERTY_RULES: Readonly<Record<string, Rule>> = {
  color,
  'background-color': color,
  'border-color': color,
  // errorMessage's `background` may only set a colour: images would fetch.
  background: color,
  'font-size': fontSize,
  'font-weight': fontWeight,
  width: size(1200, 120, 'auto'),
  'max-width': size(1200, 100, 'none'),
  height: size(400, 100, 'auto'),
  'max-height': size(400, 100, 'none'),
  margin: box(200, 50, -50, 'auto'),
  'margin-bottom': (terms, value) => (terms.length === 1 ? box(200, 50, -50, 'auto')(terms, value) : 'exactly one value is expected'),
  padding: box(200, 50, 0),
  'padding-top': size(200, 50),
  'padding-bottom': size(200, 50),
  border: line,
  outline: line,
  display: keywords('block', 'inline'),
  'text-align': keywords('left', 'right', 'center', 'justify', 'start', 'end'),
  'box-sizing': keywords('content-box', 'border-box'),
};

/** Why `property: value` is refused, or undefined when it is fine. */
export function valueProblem(property: string, value: csstree.CssNode): string | undefined {
  const terms: Term[] = [];
  if (value.type === 'Value') value.children.forEach((t) => void (t.type !== 'WhiteSpace' && terms.push(t)));
  else terms.push(value);
  if (terms.length === 1 && WIDE.has(ident(terms[0]) ?? '')) return undefined;
  if (terms.some((t) => t.type === 'Operator')) return 'lists of values are not allowed';
  const rule = PROPERTY_RULES[property];
  return rule ? rule(terms, value) : 'the property has no value rule';
}
