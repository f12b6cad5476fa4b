/** Monaco's own worker (diffs, word ranges), as a module worker the build bundles like ours. */
import 'monaco-editor/esm/vs/editor/editor.worker.js';
