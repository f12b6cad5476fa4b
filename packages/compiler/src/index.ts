/** @payplan/compiler: a checked plan (IR) → a TypeScript module that computes what the interpreter computes. */
export { compilePlan, type CompileOptions, type CompileResult } from './compile.js';
export { toJavaScript, type JavaScriptOutput } from './javascript.js';
export { jsName, jsString, commentText } from './names.js';
