export * from './data';
export { mediaUrl, publishSeedAsset, SEED_ASSETS_DIR, type SeedMediaOptions } from './media-files';
export { type SeedReport, seedCatalogue } from './seed-catalogue';
