/**
 * For tests only: reads what Accord writes with a real iCalendar parser (ical.js), so the
 * tests check what calendar apps will understand, not what our own writer meant.
 */
import ICAL from 'ical.js';

export interface ReadEvent {
  uid: string;
  sequence: number;
  summary: string;
  description: string | null;
  location: string | null;
  status: string | null;
  url: string | null;
  relatedTo: string | null;
  /** The instants, converted by ical.js with the calendar's own VTIMEZONE. */
  start: Date;
  end: Date | null;
  /** The TZID the start was written in, or 'UTC' / null. */
  startZone: string | null;
  organizer: string | null;
  attendees: string[];
}

export function readCalendar(text: string) {
  const root = new ICAL.Component(ICAL.parse(text));
  const str = (c: InstanceType<typeof ICAL.Component>, name: string) => {
    const v = c.getFirstPropertyValue(name);
    return v === null || v === undefined ? null : String(v);
  };
  const events: ReadEvent[] = root.getAllSubcomponents('vevent').map((v) => {
    const e = new ICAL.Event(v);
    return {
      uid: e.uid,
      sequence: e.sequence,
      summary: e.summary,
      description: str(v, 'description'),
      location: str(v, 'location'),
      status: str(v, 'status'),
      url: str(v, 'url'),
      relatedTo: str(v, 'related-to'),
      start: e.startDate.toJSDate(),
      end: v.hasProperty('dtend') ? e.endDate.toJSDate() : null,
      startZone: e.startDate.zone?.tzid ?? null,
      organizer: str(v, 'organizer'),
      attendees: v.getAllProperties('attendee').map((p) => String(p.getFirstValue())),
    };
  });
  return {
    method: str(root, 'method'),
    name: str(root, 'x-wr-calname'),
    zones: root.getAllSubcomponents('vtimezone').map((z) => String(z.getFirstPropertyValue('tzid'))),
    events,
  };
}
