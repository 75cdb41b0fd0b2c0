import type { DirectoryEntry, DirectoryStore } from '../../../core/people/directory';
import { MailFailure, type Mailer, type MailMessage } from '../../../core/mail';

/** The directory contract in memory: entries keyed by e-mail, else by name and organisation. */
export class InMemoryDirectory implements DirectoryStore {
  private readonly groups = new Map<string, Map<string, DirectoryEntry>>();

  constructor(entries: Record<string, readonly DirectoryEntry[]> = {}) {
    for (const [groupCode, list] of Object.entries(entries)) {
      const group = new Map<string, DirectoryEntry>();
      for (const entry of list) group.set(keyOf(entry), entry);
      this.groups.set(groupCode, group);
    }
  }

  async listPeople(groupCode: string): Promise<DirectoryEntry[]> {
    return [...(this.groups.get(groupCode)?.values() ?? [])].sort((a, b) =>
      a.name.localeCompare(b.name),
    );
  }

  async savePeople(
    groupCode: string,
    entries: readonly DirectoryEntry[],
  ): Promise<{ added: number; changed: number }> {
    const group = this.groups.get(groupCode) ?? new Map<string, DirectoryEntry>();
    this.groups.set(groupCode, group);
    let added = 0;
    let changed = 0;
    for (const entry of entries) {
      const existing = group.get(keyOf(entry));
      if (!existing) added++;
      else if (JSON.stringify(existing) !== JSON.stringify(entry)) changed++;
      group.set(keyOf(entry), entry);
    }
    return { added, changed };
  }

  async removePerson(groupCode: string, entry: DirectoryEntry): Promise<boolean> {
    return this.groups.get(groupCode)?.delete(keyOf(entry)) ?? false;
  }
}

function keyOf(entry: DirectoryEntry): string {
  return entry.email
    ? entry.email.toLowerCase()
    : `${entry.name.toLowerCase()}|${entry.organisation ?? ''}`;
}

/** A mailer that records what it is given; addresses may be set to refuse or not answer. */
export class RecordingMailer implements Mailer {
  readonly sent: MailMessage[] = [];
  /** Addresses the server refuses (MailFailure `rejected`). */
  readonly refuse = new Set<string>();
  /** Addresses for which the next send finds no server (MailFailure `unavailable`). */
  readonly unavailableOnce = new Set<string>();
  attempts = 0;

  async send(message: MailMessage): Promise<void> {
    this.attempts++;
    // A turn of the event loop, as a real server takes: concurrent sweeps interleave here.
    await new Promise((resolve) => setImmediate(resolve));
    if (this.refuse.has(message.to)) {
      throw new MailFailure(`550 5.1.1 <${message.to}>: recipient rejected`, 'rejected');
    }
    if (this.unavailableOnce.delete(message.to)) {
      throw new MailFailure('connect ECONNREFUSED 127.0.0.1:2525', 'unavailable');
    }
    this.sent.push(message);
  }

  to(address: string): MailMessage[] {
    return this.sent.filter((message) => message.to === address);
  }
}
