// Lighthouse's runs for ci/docs-lighthouse.py, all in this one node process and one Chromium: what Lighthouse's
// command line does for one run (cli/run.js: chrome-launcher starts Chromium with its flags and the --chrome-flags,
// then lighthouse(url, flags, config) on its port; bin.js: --preset=desktop is core/config/desktop-config.js), done
// for each run in turn. Lighthouse opens a tab of its own for each run and closes it after, and resets the origin's
// storage and the browser's cache before each navigation (core/gather/driver/prepare.js), as on a Chromium of
// its own.
//
//   node ci/docs-lighthouse.mjs JOB.json
// JOB.json: {"lighthouse": ".../node_modules/lighthouse", "chrome": "/usr/bin/chromium", "chromeFlags": [...],
//            "flags": {...Lighthouse's flags...}, "runs": [{"url": ..., "preset": "desktop" or null, "out": FILE}]}
// Each run's report (Lighthouse's JSON result) is written to its "out", or {"runtimeError": {"code", "message"}}
// when Lighthouse threw; one line "done N" per run on stdout. Exit 0 when every run wrote its file, 2 when
// Chromium or Lighthouse could not be started (the message on stderr).
import fs from 'node:fs';
import path from 'node:path';
import {createRequire} from 'node:module';
import {pathToFileURL} from 'node:url';

const job = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const fromLighthouse = createRequire(path.join(job.lighthouse, 'package.json'));
let lighthouse, chromeLauncher;
try {
  lighthouse = (await import(pathToFileURL(path.join(job.lighthouse, 'core', 'index.js')))).default;
  chromeLauncher = await import(pathToFileURL(fromLighthouse.resolve('chrome-launcher')));
} catch (error) {
  console.error(`cannot load Lighthouse from ${job.lighthouse}: ${error.message}`);
  process.exit(2);
}
const presets = {};
for (const run of job.runs) {
  if (run.preset && !(run.preset in presets)) {
    const file = path.join(job.lighthouse, 'core', 'config', `${run.preset}-config.js`);
    presets[run.preset] = (await import(pathToFileURL(file))).default;
  }
}

let chrome;
try {
  chrome = await chromeLauncher.launch({chromePath: job.chrome, chromeFlags: job.chromeFlags, logLevel: 'error'});
} catch (error) {
  console.error(`cannot start ${job.chrome}: ${error.message}`);
  process.exit(2);
}
try {
  for (const [k, run] of job.runs.entries()) {
    let report;
    try {
      const result = await lighthouse(run.url, {...job.flags, port: chrome.port},
                                      run.preset ? presets[run.preset] : undefined);
      report = result ? result.lhr : {runtimeError: {code: 'NO_RESULT', message: 'Lighthouse returned nothing'}};
    } catch (error) {
      report = {runtimeError: {code: error.code || 'THREW', message: String(error.message || error)}};
    }
    fs.writeFileSync(run.out, JSON.stringify(report));
    console.log(`done ${k + 1}`);
  }
} finally {
  await chrome.kill();
}
