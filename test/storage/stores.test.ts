import { addUpdate, createAction } from '../../core/action';
import { ValidationError } from '../../core/errors';
import { TableActionStore } from '../../storage/table-action-store';
import { freshTableStorage } from '../support/test-storage';
import { ADA, NOW, draft } from './contracts/contract-fixtures';

/**
 * What only the Table stores do, because of Table Storage's limits. What every store does, in
 * memory and on Azurite alike, is in ./contracts/ (run by table-contracts.test.ts and
 * memory-contracts.test.ts).
 */
describe('action store on Azurite', () => {
  it('refuses a change once an action would outgrow an entity, and keeps what it had', async () => {
    const actions = new TableActionStore((await freshTableStorage()).table('groups'));
    const text = 'Share the pack';
    const action = await actions.addAction('CCAG', 3, (ref) =>
      createAction(draft(text), ref, ADA, NOW),
    );

    const long = 'u'.repeat(4000);
    let refused: unknown;
    for (let i = 0; i < 200 && !refused; i++) {
      try {
        await actions.updateAction(action.ref, (a) =>
          addUpdate(a, `${i} ${long}`.slice(0, 4000), ADA, NOW),
        );
      } catch (error) {
        refused = error;
      }
    }
    expect(refused).toBeInstanceOf(ValidationError);
    const after = await actions.getAction(action.ref);
    expect(after?.text).toBe(text);
    expect(after?.updates.length).toBeGreaterThan(50);
  });
});
