/** docs/compatibility.md must say what the code does: it is regenerated from the handler registry. */
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { render } from '../../scripts/compat.js';

it('docs/compatibility.md matches the handler registry (run npm run docs:compat)', async () => {
  assert.equal(readFileSync(new URL('../../docs/compatibility.md', import.meta.url), 'utf8'), await render());
});
