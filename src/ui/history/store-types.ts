/** The store types the history components use, in one place. */
export type { AttuneStore, CommitmentRecord, GateEntry, ReadingRecord, SessionRecord, ReflectionRecord } from '../../store';
export type { PartnerId } from '../../signal/types';
