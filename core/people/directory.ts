/**
 * A group's directory of people: who they are, where they work, how to reach them. Owners typed
 * as text (`Ofgem (Zoë Lefèvre)`) resolve against it; reminders use it to find a Teams user or an
 * e-mail address. Chairs edit it with `people`; administrators import it from CSV.
 */
export interface DirectoryEntry {
  readonly name: string;
  readonly organisation?: string;
  readonly email?: string;
  /** The person's Entra object id, when they are a Teams user known to the group. */
  readonly aadObjectId?: string;
  /** The bot-facing Teams id (`29:…`), when the bot has seen them. */
  readonly teamsUserId?: string;
  /** A guest of the tenant (an outside organisation's member). */
  readonly guest?: boolean;
}

/** The group's directory, one entry per person. Implemented in storage/. */
export interface DirectoryStore {
  /** The group's entries, by name. */
  listPeople(groupCode: string): Promise<DirectoryEntry[]>;
  /**
   * Adds or replaces entries (keyed by e-mail when given, else by name and organisation).
   * Returns how many were added and how many changed; an identical entry counts as neither.
   */
  savePeople(
    groupCode: string,
    entries: readonly DirectoryEntry[],
  ): Promise<{ added: number; changed: number }>;
  /** Removes one entry by its key (as savePeople keys it). */
  removePerson(groupCode: string, entry: DirectoryEntry): Promise<boolean>;
}
