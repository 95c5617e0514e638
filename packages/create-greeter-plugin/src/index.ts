export { scaffold, scaffoldSteps } from './scaffold.js';
export type { ScaffoldEnvironment } from './scaffold.js';
export type { PackageManager, ScaffoldContext, ScaffoldOptions, ScaffoldStep } from './context.js';
