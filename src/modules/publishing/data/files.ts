/** The content-addressed file store now lives in platform/files (shared by every module that stores uploads). */
export { readStoredFile, sha256Of, storedPath, storeFile } from '../../../platform/files/store.ts';
