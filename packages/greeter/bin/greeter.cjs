#!/usr/bin/env node
// CommonJS, like the bundles it starts: no ES module loader until a plugin is imported.
require('../dist/bundle/start.cjs').start();
