/** Test helpers: the fake Cloudinary server (providers.md §5.4). */
export {
  FAKE_CLOUDINARY,
  type FakeCloudinary,
  type RecordedCall,
  startFakeCloudinary,
} from './fake-cloudinary';
