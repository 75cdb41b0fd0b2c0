/**
 * The message extension's command ids. Teams sends the id back in every `composeExtension/*`
 * invoke (`activity.value.commandId`), so the manifest and the bot's handler must use the same one.
 */
export const CREATE_ACTION_COMMAND_ID = 'createAction';
