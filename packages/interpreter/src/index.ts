export { evaluate, prepare, type DataSet, type EvaluateOptions, type TableData, type PreparedPlan } from './evaluate.js';
