import { cardAction } from '../support/activities';

/** The action form as a member fills it in the meeting chat of CCAG003. */
export const FORM = {
  area: 'Minutes and actions review',
  text: 'Provide detail on Operational Choreography design artefact content',
  owner: 'Programme (Grace Hopper)',
  due: '23/03/22',
  confirmPast: 'true',
  update: '',
  groupCode: 'CCAG',
  meetingNumber: '3',
};

/** A card button clicked in the meeting chat, as Teams sends it to the bot. */
export function invoke(serviceUrl: string, verb: string, data: Record<string, unknown>) {
  return cardAction(verb, data, 'meetingChat', { serviceUrl });
}
