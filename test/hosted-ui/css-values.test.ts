/**
 * Per-property rules of the hosted-UI CSS (SetUICustomization), beside the code (src/hosted-ui/css-values.ts
 * through sanitizeCss): colours are colours, lengths in px/em/rem/% within ranges, Cognito's documented keywords
 * only. Threats: an overlay (position/z-index/content, large negative margins, oversized boxes), hiding text
 * (display: none) and unreadable text (tiny fonts). Cognito's own default stylesheet still passes. Each refusal
 * is InvalidParameterException naming the class, the property and the reason.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sanitizeCss } from '../../src/hosted-ui/css-filter.js';
import { ServiceError } from '../../src/errors.js';

/** AWS's example/default classic hosted-UI stylesheet (SetUICustomization API reference example). */
const COGNITO_DEFAULT = `.logo-customizable { max-width: 60%; max-height: 30%; }
.banner-customizable { padding: 25px 0px 25px 0px; background-color: lightgray; }
.label-customizable { font-weight: 400; }
.textDescription-customizable { padding-top: 10px; padding-bottom: 10px; display: block; font-size: 16px; }
.idpDescription-customizable { padding-top: 10px; padding-bottom: 10px; display: block; font-size: 16px; }
.legalText-customizable { color: #747474; font-size: 11px; }
.submitButton-customizable { font-size: 11px; font-weight: normal; margin: 20px -15px 10px -13px; height: 40px; width: 108%; color: #fff; background-color: #337ab7; text-align: center; }
.submitButton-customizable:hover { color: #fff; background-color: #286090; }
.errorMessage-customizable { padding: 5px; font-size: 14px; width: 100%; background: #F5F5F5; border: 2px solid #D64958; color: #D64958; }
.inputField-customizable { width: 100%; height: 34px; color: #555; background-color: #fff; border: 1px solid #ccc; border-radius: 0px; }
.inputField-customizable:focus { border-color: #66afe9; outline: 0; }
.idpButton-customizable { height: 40px; width: 100%; width: 100%; text-align: center; margin-bottom: 15px; color: #fff; background-color: #5bc0de; border-color: #46b8da; }
.idpButton-customizable:hover { color: #fff; background-color: #31b0d5; }
.socialButton-customizable { border-radius: 2px; height: 40px; margin-bottom: 15px; padding: 1px; text-align: left; width: 100%; }
.redirect-customizable { text-align: center; }
.passwordCheck-notValid-customizable { color: #DF3312; }
.passwordCheck-valid-customizable { color: #19BF00; }
.background-customizable { background-color: #fff; }`;

const refused = (css: string): ServiceError => {
  try {
    sanitizeCss(css);
  } catch (e) {
    assert.ok(e instanceof ServiceError, String(e));
    assert.equal(e.type, 'InvalidParameterException');
    return e;
  }
  throw new Error(`accepted: ${css}`);
};

describe('hosted-UI CSS: per-property values', () => {
  it("Cognito's own default stylesheet passes; unlisted properties (border-radius on these classes) are dropped", () => {
    const out = sanitizeCss(COGNITO_DEFAULT);
    assert.match(out, /\.submitButton-customizable\{font-size:11px;font-weight:normal;margin:20px -15px 10px -13px;height:40px;width:108%/);
    assert.match(out, /\.errorMessage-customizable\{padding:5px;font-size:14px;width:100%;background:#F5F5F5;border:2px solid #D64958;color:#D64958\}/);
    assert.doesNotMatch(out, /border-radius/);
  });

  it('colours must be colours', () => {
    for (const ok of ['#abc', '#a1b2c3', '#a1b2c3d4', 'rgb(1, 2, 3)', 'rgba(1,2,3,0.5)', 'hsl(120, 50%, 50%)', 'rebeccapurple', 'transparent', 'currentcolor', 'inherit']) {
      assert.match(sanitizeCss(`.label-customizable { color: ${ok} }`), /color:/, ok);
    }
    for (const bad of ['12px', 'bold', '#12345', 'red blue', 'notacolor']) {
      const e = refused(`.label-customizable { color: ${bad} }`);
      assert.match(e.message, /'\.label-customizable \{ color: .* \}' is not allowed for color: must be a colour/, bad);
    }
    assert.match(refused('.errorMessage-customizable { background: 10px }').message, /for background: must be a colour/);
    assert.match(refused('.inputField-customizable:focus { border-color: solid }').message, /inputField-customizable:focus .*border-color: must be a colour/);
  });

  it('font-weight is 100-900 in steps of 100 or a keyword; font-size stays readable', () => {
    for (const ok of ['100', '400', '900', 'bold', 'normal']) sanitizeCss(`.label-customizable { font-weight: ${ok} }`);
    for (const bad of ['950', '50', '450', 'italic', 'heavy']) assert.match(refused(`.label-customizable { font-weight: ${bad} }`).message, /for font-weight: must be 100 to 900 in steps of 100/, bad);
    for (const ok of ['11px', '1em', '1.5rem', '120%', 'large']) sanitizeCss(`.legalText-customizable { font-size: ${ok} }`);
    assert.match(refused('.legalText-customizable { font-size: 2px }').message, /'\.legalText-customizable \{ font-size: 2px \}' is not allowed for font-size: must be at least 6px/);
    assert.match(refused('.legalText-customizable { font-size: 500px }').message, /for font-size: at most 72px/);
    assert.match(refused('.legalText-customizable { font-size: 10% }').message, /between 50% and 400%/);
  });

  it('lengths have units and sane ranges; no oversized boxes', () => {
    sanitizeCss('.inputField-customizable { width: 90%; height: 40px }');
    assert.match(refused('.inputField-customizable { width: 5000px }').message, /'\.inputField-customizable \{ width: 5000px \}' is not allowed for width: at most 1200px/);
    assert.match(refused('.inputField-customizable { width: 500% }').message, /for width: at most 120%/);
    assert.match(refused('.inputField-customizable { height: 2000px }').message, /for height: at most 400px/);
    assert.match(refused('.inputField-customizable { width: 10vw }').message, /for width: the unit 'vw' is not allowed/);
    assert.match(refused('.inputField-customizable { height: 40 }').message, /for height: a length needs a unit/);
    assert.match(refused('.logo-customizable { max-height: 10cm }').message, /unit 'cm'/);
    assert.match(refused('.banner-customizable { padding: 1px 2px 3px 4px 5px }').message, /for padding: one to four values/);
  });

  it('threat: overlays — large negative margins, negative padding, and position/z-index/content never get through', () => {
    assert.match(refused('.submitButton-customizable { margin: -500px 0 0 0 }').message, /'\.submitButton-customizable \{ margin: -500px 0 0 0 \}' is not allowed for margin: at least -50px/);
    assert.match(refused('.banner-customizable { padding: -5px }').message, /for padding: negative values are not allowed/);
    assert.match(refused('.idpButton-customizable { margin-bottom: -100px }').message, /for margin-bottom: at least -50px/);
    const out = sanitizeCss('.label-customizable { position: fixed; top: 0; left: 0; z-index: 9999; width: 100%; content: none; color: red }');
    assert.equal(out, '.label-customizable{color:red}', 'properties Cognito does not list for the class are dropped, never kept');
  });

  it('keywords come from the documented lists: display block|inline, border solid|none, text-align, box-sizing', () => {
    assert.match(refused('.textDescription-customizable { display: none }').message, /'\.textDescription-customizable \{ display: none \}' is not allowed for display: must be one of block, inline/);
    assert.match(refused('.textDescription-customizable { display: flex }').message, /for display/);
    assert.match(refused('.inputField-customizable { border: 1px dashed #ccc }').message, /for border: the style 'dashed' is not allowed \(solid or none\)/);
    assert.match(refused('.inputField-customizable { border: 500px solid #ccc }').message, /for border: the width: at most 100px/);
    assert.match(refused('.inputField-customizable { border: 1px 2px solid }').message, /for border: the width is given twice/);
    sanitizeCss('.inputField-customizable { border: none } .inputField-customizable:focus { outline: 2px solid rgb(0, 0, 255) }');
    assert.match(refused('.redirect-customizable { text-align: middle }').message, /for text-align: must be one of left, right, center/);
    assert.match(refused('.errorMessage-customizable { box-sizing: padding-box }').message, /for box-sizing/);
  });

  it('the error names every selector of a grouped rule', () => {
    assert.match(refused('.label-customizable, .legalText-customizable { color: 3px }').message, /'\.label-customizable, \.legalText-customizable \{ color: 3px \}'/);
  });
});
