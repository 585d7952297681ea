export * from './model';
export * from './rule';
export * from './engine';
export * from './meta';
export { allRules, findRule } from './rules';
