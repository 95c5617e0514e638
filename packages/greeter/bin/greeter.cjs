#!/usr/bin/env node
// CommonJS, like the bundle it starts: no ES module loader until a plugin is imported.
require('../dist/bundle/greeter.cjs').run();
