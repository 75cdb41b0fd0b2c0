import type { BindingStore } from '../../../core/stores';
import type { OpenStore } from './contract-fixtures';

/** What every BindingStore does (core/stores.ts), run against each implementation. */
export function bindingStoreContract(implementation: string, open: OpenStore<BindingStore>): void {
  describe(`BindingStore contract: ${implementation}`, () => {
    let bindings: BindingStore;
    beforeEach(async () => {
      bindings = await open();
    });

    it('binds a conversation to a group and meeting, and rebinding replaces it', async () => {
      const id = '19:meeting_ZmFrZW1lZXRpbmc@thread.v2';
      expect(await bindings.getBinding(id)).toBeUndefined();
      await bindings.bind(id, { groupCode: 'CCAG', meetingNumber: 3 });
      expect(await bindings.getBinding(id)).toEqual({ groupCode: 'CCAG', meetingNumber: 3 });
      await bindings.bind(id, { groupCode: 'CCAG' });
      expect(await bindings.getBinding(id)).toEqual({ groupCode: 'CCAG' });
    });

    it('keeps each conversation’s binding apart, whatever characters its id holds', async () => {
      const channel = '19:ops42@thread.tacv2';
      const thread = `${channel};messageid=1715000000000`;
      await bindings.bind(channel, { groupCode: 'CCAG' });
      await bindings.bind('a/b\\c#d?e', { groupCode: 'TAG', meetingNumber: 1 });
      expect(await bindings.getBinding(channel)).toEqual({ groupCode: 'CCAG' });
      expect(await bindings.getBinding(thread)).toBeUndefined();
      expect(await bindings.getBinding('a/b\\c#d?e')).toEqual({
        groupCode: 'TAG',
        meetingNumber: 1,
      });
    });
  });
}
