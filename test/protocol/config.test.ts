/** Configuration errors must name the bad key (and the file line) so the operator knows what to fix. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config/load.js';

describe('configuration', () => {
  it('has the documented defaults', () => {
    const c = loadConfig({ env: {} });
    assert.equal(c.host, '127.0.0.1');
    assert.equal(c.port, 9229);
    assert.equal(c.region, 'us-east-1');
    assert.equal(c.mode, 'development');
    assert.equal(c.publicUrl, 'http://127.0.0.1:9229');
    assert.equal(c.databaseUrl, undefined);
  });

  it('reads the environment and names a bad variable', () => {
    assert.equal(loadConfig({ env: { COGNATE_PORT: '8080', COGNATE_REGION: 'eu-west-1' } }).port, 8080);
    assert.throws(() => loadConfig({ env: { COGNATE_PORT: 'eighty' } }), /COGNATE_PORT/);
    assert.throws(() => loadConfig({ env: { COGNATE_REGION: 'mars' } }), /COGNATE_REGION.*region/);
    assert.throws(() => loadConfig({ env: { COGNATE_DATABASE_URL: 'mysql://x' } }), /COGNATE_DATABASE_URL/);
    assert.throws(() => loadConfig({ env: { COGNATE_MODE: 'prod' } }), /COGNATE_MODE/);
  });

  it('reads a YAML file, lets the environment win, and names the line of a bad key', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'cognate-cfg-'));
    const good = path.join(dir, 'good.yaml');
    writeFileSync(good, 'port: 7000\nregion: eu-central-1\n');
    assert.equal(loadConfig({ env: {}, configFile: good }).port, 7000);
    assert.equal(loadConfig({ env: { COGNATE_PORT: '7001' }, configFile: good }).port, 7001);
    const bad = path.join(dir, 'bad.yaml');
    writeFileSync(bad, 'port: 7000\nregion: nowhere\n');
    assert.throws(() => loadConfig({ env: {}, configFile: bad }), /bad\.yaml:2 key 'region'/);
    const unknown = path.join(dir, 'unknown.yaml');
    writeFileSync(unknown, 'prot: 7000\n');
    assert.throws(() => loadConfig({ env: {}, configFile: unknown }), /unknown key\(s\) prot/);
    const broken = path.join(dir, 'broken.yaml');
    writeFileSync(broken, 'port: [1,\n');
    assert.throws(() => loadConfig({ env: {}, configFile: broken }), /broken\.yaml:\d+/);
  });
});
