/**
 * Types for the mingo subpath exports the emulator imports. The repository's
 * `moduleResolution: node` does not read package.json "exports", so TypeScript
 * would not find them; Node and jest do. Imported for its declarations only.
 */
declare module 'mingo/core' {
  export * from 'mingo/types/core/index';
}
declare module 'mingo/query' {
  export * from 'mingo/types/query';
}
declare module 'mingo/aggregator' {
  export * from 'mingo/types/aggregator';
}
declare module 'mingo/util' {
  export * from 'mingo/types/util/index';
}
declare module 'mingo/operators/accumulator' {
  export * from 'mingo/types/operators/accumulator/index';
}
declare module 'mingo/operators/expression' {
  export * from 'mingo/types/operators/expression/index';
}
declare module 'mingo/operators/pipeline' {
  export * from 'mingo/types/operators/pipeline/index';
}
declare module 'mingo/operators/projection' {
  export * from 'mingo/types/operators/projection/index';
}
declare module 'mingo/operators/query' {
  export * from 'mingo/types/operators/query/index';
}
declare module 'mingo/operators/window' {
  export * from 'mingo/types/operators/window/index';
}
