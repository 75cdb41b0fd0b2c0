import { ActionService } from '../../core/action-service';
import { ReportService } from '../../core/reports/report-service';
import { DocumentLinks } from '../../features/reports/report-links';
import { composeBot } from '../../host/compose-bot';
import type { Logger } from '../../host/logger';
import { TableReportStore } from '../../storage/table-report-store';
import type { AfterTurnDelivery, MeetingActionsBot } from '../../teams/activity-router';
import type { ConversationStore } from '../../core/conversation';
import type { OperationStore } from '../../core/operations';
import type { DirectoryStore } from '../../core/people/directory';
import type {
  ActionStore,
  BindingStore,
  DiscussionStore,
  GroupStore,
  MeetingStore,
} from '../../core/stores';
import { IndexedActionStore } from '../../storage/indexed-action-store';
import { TableActionStore } from '../../storage/table-action-store';
import { TableDueIndex } from '../../storage/table-due-index';
import { TableBindingStore } from '../../storage/table-binding-store';
import { TableConversationStore } from '../../storage/table-conversation-store';
import { TableDirectoryStore } from '../../storage/table-directory-store';
import { TableDiscussionStore } from '../../storage/table-discussion-store';
import { TableGroupStore } from '../../storage/table-group-store';
import { TableOperationStore } from '../../storage/table-operation-store';
import type { TableStorage } from '../../storage/table-storage';
import { seedReport } from '../documents/seed-model';

/** The stores a handler needs and the service over them, whichever storage holds them. */
export interface TestServices {
  readonly groups: GroupStore & MeetingStore;
  readonly actions: ActionStore;
  readonly discussion: DiscussionStore;
  readonly bindings: BindingStore;
  readonly conversations: ConversationStore;
  readonly operations: OperationStore;
  /** Each group's directory of people (the `people` card). */
  readonly people: DirectoryStore;
  readonly service: ActionService;
}

/**
 * The app's stores and service on the test run's Azurite, wired as host/open-stores.ts wires them,
 * with a clock the test may set. memory-services.ts gives the same over in-memory stores.
 */
export function servicesOn(storage: TableStorage, now?: () => Date) {
  const groupsTable = storage.table('groups');
  const conversationsTable = storage.table('conversations');
  const stores = {
    groups: new TableGroupStore(groupsTable),
    actions: new IndexedActionStore(
      new TableActionStore(groupsTable),
      new TableDueIndex(storage.table('dueIndex')),
      () => {},
    ),
    discussion: new TableDiscussionStore(groupsTable),
    bindings: new TableBindingStore(conversationsTable),
    conversations: new TableConversationStore(conversationsTable),
    operations: new TableOperationStore(storage.table('operations')),
    people: new TableDirectoryStore(groupsTable),
  };
  return { ...stores, service: new ActionService({ ...stores, ...(now ? { now } : {}) }) };
}

/** The report service over the Table stores of a test. */
export function reportServiceOn(storage: TableStorage, services: TestServices): ReportService {
  return new ReportService({
    ...services,
    reports: new TableReportStore(storage.table('groups')),
  });
}

/** The bot as the app composes it, over these services, for TestAdapter conversations. */
export function botOn(
  services: TestServices,
  reports: ReportService,
  log: Logger,
  options: { now?: () => Date; afterTurn?: AfterTurnDelivery } = {},
): MeetingActionsBot {
  return composeBot({
    service: services.service,
    stores: services,
    reports,
    people: services.people,
    links: new DocumentLinks({
      secret: 'bot-harness-report-link-secret',
      ttlMs: 24 * 60 * 60 * 1000,
      baseUrl: () => 'http://localhost:3978',
    }),
    log,
    ...(options.now ? { now: options.now } : {}),
    ...(options.afterTurn ? { afterTurn: options.afterTurn } : {}),
  });
}

/**
 * The seed's group (CCAG) stored and its headline report issued as version 1 of meeting 3, by
 * Ada Lovelace at `issuedAt`: what a document link test needs in storage.
 */
export async function issueSeedReport(storage: TableStorage, issuedAt: Date): Promise<void> {
  await servicesOn(storage).groups.createGroupIfMissing({
    code: 'CCAG',
    name: 'MHHS Cross Code Advisory Group',
    timeZone: 'Europe/London',
    chairs: [],
  });
  await new TableReportStore(storage.table('groups')).issueReport('CCAG', 3, (version) => ({
    groupCode: 'CCAG',
    meetingNumber: 3,
    version,
    report: { ...seedReport(), version },
    issuedAt: issuedAt.toISOString(),
    issuedBy: { id: '29:1Qv-ada', name: 'Ada Lovelace' },
  }));
}

/** The answer to a link to that report's Word document: a download of a zip (docx) file. */
export async function expectSeedReportDocx(response: Response): Promise<void> {
  expect(response.status).toBe(200);
  expect(response.headers.get('content-disposition')).toBe(
    'attachment; filename="CCAG003-headline-report-v1.docx"',
  );
  expect(
    Buffer.from(await response.arrayBuffer())
      .subarray(0, 2)
      .toString(),
  ).toBe('PK');
}
