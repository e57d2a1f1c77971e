import fs from 'node:fs';
import path from 'node:path';

// cloudbaserc.json deploys what each cloudfunctions/<fn>/config.json declares; they must not drift.
const root = path.resolve(__dirname, '../..');
const rc = JSON.parse(fs.readFileSync(path.join(root, 'cloudbaserc.json'), 'utf8'));
const functions = fs
  .readdirSync(path.join(root, 'cloudfunctions'))
  .filter((name) => fs.existsSync(path.join(root, 'cloudfunctions', name, 'config.json')))
  .sort();

test('cloudbaserc.json lists every function with the timeout and trigger of its config.json', () => {
  expect(rc.functionRoot).toBe('./dist/cloudfunctions');
  expect(rc.functions.map((f: any) => f.name)).toEqual(functions);
  for (const f of rc.functions) {
    const config = JSON.parse(fs.readFileSync(path.join(root, 'cloudfunctions', f.name, 'config.json'), 'utf8'));
    expect({ name: f.name, timeout: f.timeout, triggers: f.triggers }).toEqual({
      name: f.name,
      timeout: config.timeout ?? 3,
      triggers: config.triggers,
    });
    // The cloud allows 1-60 s and at most one timer trigger per function.
    expect(f.timeout).toBeGreaterThanOrEqual(1);
    expect(f.timeout).toBeLessThanOrEqual(60);
    expect((f.triggers ?? []).length).toBeLessThanOrEqual(1);
  }
});
