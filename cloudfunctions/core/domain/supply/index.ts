export * from './cutoff';
export * from './route';
export * from './forecast';
export * from './purchase-cost';
export * from './settlement';
