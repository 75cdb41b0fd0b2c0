import { TableStorage } from '../../storage/table-storage';
import { FaultProxy } from '../support/fault-proxy';
import { testConnectionString, uniqueTablePrefix } from '../support/test-storage';

/**
 * One set of tables on the test run's Azurite, seen two ways: `faulty` through a fault proxy (the
 * stores under test) and `direct` (to look at what was really stored).
 */
export async function tablesThroughProxy(
  options: { requestTimeoutMs?: number; seed?: number } = {},
) {
  const proxy = await FaultProxy.inFrontOf(testConnectionString(), {
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
  });
  const tablePrefix = uniqueTablePrefix();
  const direct = new TableStorage({ connectionString: testConnectionString() }, { tablePrefix });
  await direct.ensureTables();
  const faulty = new TableStorage(
    { connectionString: proxy.connectionString },
    { tablePrefix, requestTimeoutMs: options.requestTimeoutMs ?? 2000 },
  );
  return { proxy, direct, faulty };
}
