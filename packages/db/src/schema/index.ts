/**
 * The complete data model (data-model.md). Every table and enum is exported from here; drizzle-kit
 * reads this module to generate migrations, and `createDb` passes it to drizzle for typed queries.
 */

export * from './activity';
export * from './audio';
export * from './avatars';
export * from './badges';
export * from './billing';
export * from './buddies';
export * from './catalog';
export * from './challenges';
export { newId } from './columns';
export * from './coupons';
export * from './enums';
export * from './guests';
export * from './jobs';
export * from './kids';
export * from './library';
export * from './media';
export * from './notifications';
export * from './preferences';
export * from './progress';
export * from './rewards';
export * from './screen-time';
export * from './sessions';
export * from './stories';
export * from './story-content';
export * from './story-joins';
export * from './support';
export * from './users';
export * from './voices';
