/**
 * The CSS a customer may put on the hosted UI (SetUICustomization): parsed with css-tree, then only rules whose
 * selector is one of Cognito's `*-customizable` classes survive, each with only the properties Cognito lists for
 * it (others are dropped silently, as the docs say). Anything that could fetch, run or escape — `@import` and
 * every other at-rule, `url()`, `expression()`, strings, unknown selectors — rejects the whole stylesheet with
 * InvalidParameterException naming the rule. A kept property's value must then fit that property
 * (css-values.ts: colours are colours, lengths in range, documented keywords only); otherwise the error names
 * the class, the property and the reason. The output is regenerated from the tree, never the input text.
 */
import * as csstree from 'css-tree';
import { errors } from '../errors.js';
import { valueProblem } from './css-values.js';

const COLOR = ['color', 'background-color'];
/** Allowed selector → allowed properties (Cognito's classic hosted UI list). */
export const ALLOWED: Readonly<Record<string, readonly string[]>> = {
  '.background-customizable': ['background-color'],
  '.banner-customizable': ['padding', 'background-color'],
  '.errorMessage-customizable': ['margin', 'padding', 'font-size', 'width', 'background', 'background-color', 'border', 'color', 'box-sizing'],
  '.idpButton-customizable': ['height', 'width', 'text-align', 'margin-bottom', 'color', 'background-color', 'border-color'],
  '.idpButton-customizable:hover': COLOR,
  '.idpDescription-customizable': ['padding-top', 'padding-bottom', 'display', 'font-size', 'color'],
  '.inputField-customizable': ['width', 'height', 'color', 'background-color', 'border'],
  '.inputField-customizable:focus': ['border-color', 'outline'],
  '.label-customizable': ['font-weight', 'color'],
  '.legalText-customizable': ['color', 'font-size'],
  '.logo-customizable': ['max-width', 'max-height', 'background-color'],
  '.passwordCheck-valid-customizable': ['color'],
  '.passwordCheck-notValid-customizable': ['color'],
  '.redirect-customizable': ['text-align'],
  '.socialButton-customizable': ['height', 'text-align', 'width', 'margin-bottom'],
  '.submitButton-customizable': ['font-size', 'font-weight', 'margin', 'width', 'height', 'color', 'background-color'],
  '.submitButton-customizable:hover': COLOR,
  '.textDescription-customizable': ['padding-top', 'padding-bottom', 'display', 'font-size', 'color'],
};

/** Value nodes a safe declaration may contain; functions only for colours. */
const VALUE_NODES = new Set(['Identifier', 'Number', 'Dimension', 'Percentage', 'Hash', 'Operator', 'Value']);
const COLOR_FUNCTIONS = new Set(['rgb', 'rgba', 'hsl', 'hsla']);

export const MAX_CSS_CHARS = 131072;

const invalid = (what: string) => errors.invalidParameter(`CSS: ${what}`);

function checkValue(selector: string, property: string, value: csstree.CssNode): void {
  csstree.walk(value, (node) => {
    if (node.type === 'Function') {
      if (!COLOR_FUNCTIONS.has(node.name.toLowerCase())) throw invalid(`${node.name}() in '${selector} { ${property} }' is not allowed.`);
      return;
    }
    if (node.type === 'Url') throw invalid(`url() in '${selector} { ${property} }' is not allowed.`);
    if (!VALUE_NODES.has(node.type)) throw invalid(`the value of '${selector} { ${property} }' is not allowed (${node.type}).`);
  });
}

/** The sanitized stylesheet, or InvalidParameterException naming the first offending rule. */
export function sanitizeCss(css: string): string {
  if (css.length > MAX_CSS_CHARS) throw invalid(`the stylesheet is longer than ${MAX_CSS_CHARS} characters.`);
  let parseError: string | undefined;
  const ast = csstree.parse(css, {
    parseValue: true,
    onParseError: (e) => {
      parseError ??= e.message;
    },
  }) as csstree.StyleSheet;
  if (parseError) throw invalid(`the stylesheet cannot be parsed: ${parseError}`);
  const out: string[] = [];
  ast.children.forEach((node) => {
    if (node.type === 'Atrule') throw invalid(`@${node.name} is not allowed.`);
    if (node.type !== 'Rule') throw invalid(`unexpected ${node.type} at the top level.`);
    const selectors: string[] = [];
    if (node.prelude.type !== 'SelectorList') throw invalid(`the rule '${csstree.generate(node.prelude)}' cannot be parsed.`);
    node.prelude.children.forEach((sel) => {
      const text = csstree.generate(sel);
      if (!ALLOWED[text]) throw invalid(`the rule '${text}' is not allowed; only these classes may be styled: ${Object.keys(ALLOWED).join(', ')}.`);
      selectors.push(text);
    });
    const decls: string[] = [];
    node.block.children.forEach((d) => {
      if (d.type !== 'Declaration') throw invalid(`unexpected ${d.type} in '${selectors.join(', ')}'.`);
      const property = d.property.toLowerCase();
      if (property.startsWith('--')) throw invalid(`custom properties ('${property}' in '${selectors.join(', ')}') are not allowed.`);
      // A property is kept only if every selector of the rule allows it; others are dropped as Cognito does.
      checkValue(selectors.join(', '), property, d.value);
      if (!selectors.every((s) => ALLOWED[s]!.includes(property))) return;
      const problem = valueProblem(property, d.value);
      if (problem) throw invalid(`'${selectors.join(', ')} { ${property}: ${csstree.generate(d.value)} }' is not allowed for ${property}: ${problem}.`);
      decls.push(`${property}:${csstree.generate(d.value)}${d.important ? ' !important' : ''}`);
    });
    if (decls.length) out.push(`${selectors.join(',')}{${decls.join(';')}}`);
  });
  return out.join('\n');
}
