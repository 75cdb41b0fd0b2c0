import { ActionService } from '../../core/action-service';
import { ReportService } from '../../core/reports/report-service';
import { memoryStores } from '../../storage/memory/memory-stores';

/**
 * Every store in memory (storage/memory/, held to the same contract suites as the Table stores)
 * and the services over them, wired as host/open-stores.ts wires them (a superset of test-services.ts's TestServices): for handler tests that
 * exercise what the bot says and does, not Table Storage. No Azurite, nothing to clean up.
 */
export function memoryServices(options: { now?: () => Date } = {}) {
  const stores = memoryStores();
  const service = new ActionService({ ...stores, ...(options.now ? { now: options.now } : {}) });
  return { ...stores, service, reportService: new ReportService(stores) };
}

export type MemoryServices = ReturnType<typeof memoryServices>;
