import type { Hocuspocus } from '@hocuspocus/server';
import { draftDocumentName, type DeliberationMessage, type DeliberationTopic, type StoredMessage } from '../../core/drafts';
import type { Change } from '../cache/change-feed';

/** The stateless message saying what of a document is in the database (its state vector). */
export const storedMessage = (vector: Uint8Array) => JSON.stringify({ type: 'stored', vector: Buffer.from(vector).toString('base64') } satisfies StoredMessage);

/** The tables the change feed announces with their draft (migration 0010), and what they change. */
const DELIBERATION_TABLES: Record<string, DeliberationTopic> = {
  drafts: 'draft',
  draft_versions: 'versions',
  amendments: 'amendments',
  draft_comments: 'comments',
  positions: 'positions',
  recommendation_outcomes: 'positions',
  silence_procedures: 'silence',
  silence_breaks: 'silence',
};

/**
 * Committed changes to what the deliberation panels show, pushed to everyone viewing the draft
 * on this server: which topics to read again (each viewer reads them with its own access; no
 * content travels this way), the changes of one command sent together a moment later.
 */
export class DeliberationPush {
  private readonly changed = new Map<string, Set<DeliberationTopic>>();
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly hocuspocus: Hocuspocus) {}

  /** Takes a change of the feed; true when it was about deliberation only (nothing else to do). */
  take({ table, keys }: Change): boolean {
    const topic = DELIBERATION_TABLES[table];
    if (!topic) return false;
    const draftId = table === 'drafts' ? keys.id : keys.draft_id;
    if (draftId && this.hocuspocus.documents.has(draftDocumentName(draftId))) {
      let topics = this.changed.get(draftId);
      if (!topics) this.changed.set(draftId, (topics = new Set()));
      topics.add(topic);
      this.timer ??= setTimeout(() => this.flush(), 30);
    }
    // A draft's own row also decides who may edit it: its connections are re-checked too.
    return table !== 'drafts';
  }

  stop() {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.changed.clear();
  }

  private flush() {
    this.timer = undefined;
    for (const [id, topics] of this.changed) {
      const message: DeliberationMessage = { type: 'deliberation', topics: [...topics].sort() };
      this.hocuspocus.documents.get(draftDocumentName(id))?.broadcastStateless(JSON.stringify(message));
    }
    this.changed.clear();
  }
}
