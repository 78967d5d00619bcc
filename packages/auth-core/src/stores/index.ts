export { defaultTokenFilePath, FileTokenStore, type FileTokenStoreOptions } from './file-token-store.js';
export { InProcessRefreshLock } from './in-process-lock.js';
export { MemoryTokenStore } from './memory-token-store.js';
export { MemoryTransactionStore, type MemoryTransactionStoreOptions } from './memory-transaction-store.js';
export { isTokenRecord, tokenRecordProblem } from './token-record-check.js';
export type * from './types.js';
