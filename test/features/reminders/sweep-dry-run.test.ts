import { TableStorage } from '../../../storage/table-storage';
import { cli, cliConfig, SEED_FILE } from '../../cli/cli-harness';
import { ADA, CHANNEL_ID, TEAM_ID } from '../../support/activities';
import { ConnectorStub } from '../../support/connector-stub';
import {
  CHANNEL_NAME,
  givePersonalChat,
  reminderStores,
  setUpGroup,
} from '../../support/reminder-fixture';
import { testConnectionString } from '../../support/test-storage';

describe('npm run cli -- sweep --dry-run', () => {
  let connector: ConnectorStub;
  beforeEach(async () => {
    connector = await ConnectorStub.start();
  });
  afterEach(async () => {
    await connector.stop();
  });

  it('shows per owner which path and why, naming places by name rather than raw ids, and sends nothing', async () => {
    const config = cliConfig();
    expect((await cli(['import', SEED_FILE], config)).code).toBe(0);
    const stores = reminderStores(
      new TableStorage(
        { connectionString: testConnectionString() },
        { tablePrefix: config.tablePrefix },
      ),
    );
    await setUpGroup(stores, connector.serviceUrl);
    await stores.groups.updateGroup('CCAG', (group) => ({
      ...group,
      homeChannel: { conversationId: CHANNEL_ID, teamId: TEAM_ID, name: CHANNEL_NAME },
    }));
    await givePersonalChat(stores, connector.serviceUrl, ADA);
    await stores.actions.updateAction('CCAG03-07', (action) => ({
      ...action,
      owners: [{ display: ADA.name, teamsUsers: [ADA] }],
    }));

    const run = await cli(['sweep', '--dry-run', '--now', '2022-03-23T09:30:00Z'], config);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const [header, columns, ...lines] = run.stdout.trimEnd().split('\n');
    expect(header).toMatch(
      /^Dry run at 2022-03-23T09:30:00.000Z: 19 reminder\(s\) due, 2 message\(s\) would be sent; nothing claimed or sent\.$/,
    );
    expect(columns).toBe('owner\tpath\twhere\twhy\trefs\trule');
    expect(lines).toContain(
      'Ada Lovelace\tpersonal chat\tthe chat with Ada Lovelace\t' +
        'they have a chat with the bot (if refused: channel @mention → channel digest)\tCCAG03-07\ton-due',
    );
    expect(lines).toContain(
      `Code bodies\tchannel digest\tthe digest in the channel "${CHANNEL_NAME}" of MHHS Cross Code Advisory Group\t` +
        'no Teams user was picked and no one in the directory has that name\tCCAG03-04 CCAG03-13\toverdue on-due',
    );
    expect(run.stdout).not.toMatch(/19:|a:personal|29:/);
    expect(connector.calls).toHaveLength(0);
  });
});
