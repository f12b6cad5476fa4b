export { evaluate, prepare, type DataSet, type TableData, type PreparedPlan } from './evaluate.js';
