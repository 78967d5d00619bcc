import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  FileTokenStore,
  InProcessRefreshLock,
  MemoryTokenStore,
  MemoryTransactionStore,
} from '../src/index.js';
import {
  describeRefreshLockConformance,
  describeTokenStoreConformance,
  describeTransactionStoreConformance,
} from '../src/testing/index.js';

const dirs = new Map<object, string>();

async function fileStore(): Promise<FileTokenStore> {
  const dir = await mkdtemp(join(tmpdir(), 'auth-core-conf-'));
  const store = new FileTokenStore({ path: join(dir, 'nested', 'tokens.json') });
  dirs.set(store, dir);
  return store;
}

async function cleanup(instance: object): Promise<void> {
  const dir = dirs.get(instance);
  if (dir) await rm(dir, { recursive: true, force: true });
}

describeTokenStoreConformance('MemoryTokenStore', () => new MemoryTokenStore());
describeTokenStoreConformance('FileTokenStore', fileStore, { teardown: cleanup });
describeTransactionStoreConformance('MemoryTransactionStore', () => new MemoryTransactionStore());
describeRefreshLockConformance('InProcessRefreshLock', () => new InProcessRefreshLock());
describeRefreshLockConformance(
  'FileTokenStore.lock',
  async () => {
    const store = await fileStore();
    const lock = store.lock;
    dirs.set(lock, dirs.get(store) as string);
    return lock;
  },
  { teardown: cleanup },
);
