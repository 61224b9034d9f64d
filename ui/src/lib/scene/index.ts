export * from './types';
export * from './geometry';
export * from './actions';
export * from './history';
export * from './limits';
export * from './validate';
export * from './compare';
export * from './layout';
